export * from './comparisons';
export * from './distributions';
