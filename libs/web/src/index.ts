export * from './web.module.js';
export * from './views/configure-views.js';
