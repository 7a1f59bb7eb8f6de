export * from './lib/events';
export * from './lib/hash';
export * from './lib/limits';
export * from './lib/mood';
export * from './lib/protocol';
export * from './lib/scene';
export * from './lib/variant';
export * from './lib/text';
