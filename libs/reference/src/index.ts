export * from './reference-codes.js';
export * from './reference.service.js';
export * from './reference.module.js';
