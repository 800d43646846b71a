export * from './portal.http.module.js';
