/** The two experiment arms. CONTROL sees the chat view, TREATMENT the visual novel view. */
export const Variant = {
  Control: 'CONTROL',
  Treatment: 'TREATMENT',
} as const;
export type Variant = (typeof Variant)[keyof typeof Variant];

export const VARIANTS: readonly Variant[] = [Variant.Control, Variant.Treatment];

export function isVariant(value: unknown): value is Variant {
  return value === Variant.Control || value === Variant.Treatment;
}
