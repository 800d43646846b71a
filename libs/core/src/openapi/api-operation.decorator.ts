import { applyDecorators } from '@nestjs/common';
import { ApiCookieAuth, ApiOperation, ApiResponse } from '@nestjs/swagger';

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input: the message names the field',
  401: 'Not signed in',
  403: 'Signed in with a role that may not do this, or a cross-site write',
  404: 'No such object (or another company\'s)',
  409: 'Conflicts with the current state or an existing unique value',
  413: 'Body too large',
  415: 'Unsupported content type',
  422: 'Breaks a business rule: the message names the field',
  429: 'Too many attempts: try again later',
};

/**
 * One decorator per operation for the OpenAPI document: a summary, the session-cookie security
 * (unless public) and every error response the operation can give.
 */
export function ApiOp(summary: string, errors: number[] = [], options: { public?: boolean } = {}): MethodDecorator {
  const decorators = [ApiOperation({ summary })];
  const all = new Set(errors);
  if (!options.public) {
    decorators.push(ApiCookieAuth('session'));
    all.add(401);
    all.add(403);
  }
  for (const status of [...all].sort()) {
    decorators.push(ApiResponse({ status, description: ERROR_TEXT[status] ?? 'Error' }));
  }
  return applyDecorators(...decorators);
}

/**
 * Makes the public operations say so: an operation without a security requirement gets an explicit
 * empty one (`security: []`), which linters read as "public on purpose" rather than "forgotten".
 */
export function markPublicOperations(document: { paths: Record<string, Record<string, { security?: unknown[] }>> }): void {
  for (const item of Object.values(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (['get', 'put', 'post', 'delete', 'patch'].includes(method) && !operation.security) operation.security = [];
    }
  }
}
