/** Helpers for the e2e suites: real server processes, real Socket.IO clients, the real database file, a real browser. */
export * from './api-server';
export * from './browser';
export * from './database';
export * from './lobby-client';
export * from './ports';
export * from './fake-sidecar';
export * from './sidecar-process';
export * from './event-wait';
export * from './process-memory';
export * from './protocol-oracle';
export * from './random';
export * from './service-process';
