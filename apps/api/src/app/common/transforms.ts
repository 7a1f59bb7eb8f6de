import type { TransformFnParams } from 'class-transformer';

/** Trims strings and leaves anything else for the type validators to reject. */
export const trimString = ({ value }: TransformFnParams): unknown => (typeof value === 'string' ? value.trim() : value);
