export * from './bayesian';
export * from './comparisons';
export * from './decision';
export * from './distributions';
export * from './power';
export * from './sequential';
