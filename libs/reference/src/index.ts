export * from './reference-codes.js';
export * from './reference.service.js';
export * from './reference.module.js';
export * from './reference.http.module.js';
