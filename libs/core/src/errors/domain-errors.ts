/**
 * Domain errors: thrown by services and job handlers alike, mapped to HTTP by the one global filter
 * (AllExceptionsFilter). Services never throw HTTP exceptions: they mean nothing in a job.
 */
export interface FieldError {
  field: string;
  message: string;
}

export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly status: number;
  constructor(message: string, readonly fields: FieldError[] = []) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends DomainError {
  readonly code = 'not_found';
  readonly status = 404;
  constructor(what: string) {
    super(`${what} not found`);
  }
}

export class ConflictError extends DomainError {
  readonly code = 'conflict';
  readonly status = 409;
}

/** The request is well-formed but breaks a business rule (422). */
export class RuleViolationError extends DomainError {
  readonly code = 'unprocessable';
  readonly status = 422;
}

export class InvalidStateTransitionError extends DomainError {
  readonly code = 'invalid_state';
  readonly status = 409;
  constructor(entity: string, from: string, action: string) {
    super(`${entity} is ${from}: cannot ${action}`, [{ field: 'status', message: `is ${from}` }]);
  }
}

export class BadInputError extends DomainError {
  readonly code = 'bad_request';
  readonly status = 400;
}

export class AuthenticationError extends DomainError {
  readonly code = 'unauthenticated';
  readonly status = 401;
}

export class ForbiddenError extends DomainError {
  readonly code = 'forbidden';
  readonly status = 403;
}

export class TooManyRequestsError extends DomainError {
  readonly code = 'too_many_requests';
  readonly status = 429;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

export class UnsupportedMediaTypeError extends DomainError {
  readonly code = 'unsupported_media_type';
  readonly status = 415;
}

/** A service the request needs (the job queue's Redis) is down: try again later (503 + Retry-After). */
export class ServiceUnavailableError extends DomainError {
  readonly code = 'service_unavailable';
  readonly status = 503;
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}
