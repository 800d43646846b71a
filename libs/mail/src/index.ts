export * from './outbox/outbox-mail.js';
export * from './outbox/outbox.service.js';
export * from './jobs/mail.queue.js';
export * from './jobs/mail.producer.js';
export * from './mail.module.js';
export * from './mail.http.module.js';
export * from './mail.worker.module.js';
export { OutboxDeliveryService, type DeliveryRun } from './delivery/outbox-delivery.service.js';
