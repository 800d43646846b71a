export * from './releases/classification.js';
export * from './releases/protection-spec.js';
export * from './releases/release.entity.js';
export * from './releases/release.response.js';
export * from './releases/releases.service.js';
export * from './digest/digest-builder.js';
export * from './digest/digest.service.js';
export * from './digests.module.js';
