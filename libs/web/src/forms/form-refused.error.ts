import { RuleViolationError } from '@hokenshitsu/core';
import type { FormErrors } from './form-errors.js';

/**
 * A page form that failed its checks: shown again with its errors. It is a domain error (422) so
 * that the page's status comes from the same map as every other error's.
 */
export class FormRefusedError extends RuleViolationError {
  constructor(readonly errors: FormErrors) {
    super(`form refused: ${errors.list.map((e) => e.field).join(', ')}`, errors.list.map((e) => ({ field: e.field, message: e.key })));
  }
}
