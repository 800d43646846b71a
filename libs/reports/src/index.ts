export * from './content/report-input.js';
export * from './jobs/reports.queue.js';
export * from './reports.module.js';
export * from './reports.http.module.js';
export * from './reports.worker.module.js';
