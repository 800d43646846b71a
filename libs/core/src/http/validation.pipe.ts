import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { BadInputError, type FieldError } from '../errors/domain-errors.js';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((e) => {
    const field = prefix ? `${prefix}.${e.property}` : e.property;
    // Several rules of one field may share a message (a fiscal year: integer, at least, at most): say it once.
    const own = [...new Set(Object.values(e.constraints ?? {}))].map((message) => ({ field, message }));
    return [...own, ...flatten(e.children ?? [], field)];
  });
}

/** Whitelist, forbid unknown fields, transform; 400 naming every bad field. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors) => {
      const fields = flatten(errors);
      return new BadInputError(fields.map((f) => f.message).join('; ') || 'invalid input', fields);
    },
  });
}
