export * from './web.module.js';
export * from './views/configure-views.js';
export { CSRF_COOKIE, CSRF_FIELD, CsrfService } from './csrf/csrf.service.js';
export { I18n, type Lang } from './i18n/i18n.js';
export { FormErrorBuilder, type FormError, type FormErrors, type FormMessage } from './forms/form-errors.js';
