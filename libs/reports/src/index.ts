export * from './content/report-input.js';
export * from './jobs/reports.queue.js';
export * from './reports/report.entity.js';
export * from './reports/reports.service.js';
export * from './advice/advice.service.js';
export * from './reports.module.js';
export * from './reports.http.module.js';
export * from './reports.worker.module.js';
