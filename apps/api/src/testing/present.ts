/** The value, or a failed test when it is null or undefined (instead of a non-null assertion). */
export function present<T>(value: T | null | undefined): T {
  if (value === null || value === undefined) throw new Error(`expected a value, got ${String(value)}`);
  return value;
}
