export * from './pdf-renderer.js';
export * from './browser-pool.js';
export * from './chromium-pdf-renderer.js';
export * from './chromium-launcher.js';
export * from './chromium-orphan-reaper.js';
export * from './render-errors.js';
export * from './report-font-directory.js';
export * from './rendering.providers.js';
