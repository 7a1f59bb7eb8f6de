import { ValidateBy, ValidateIf, ValidationOptions } from 'class-validator';
import { characterCount } from '@moodlobby/shared';

/**
 * Length in characters as the protocol counts them: code points (`characterCount`), as the web
 * app counts them. class-validator's `Length` does not count variation selectors.
 */
export function CharacterLength(min: number, max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'characterLength',
      constraints: [min, max],
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'string') return false;
          const length = characterCount(value);
          return length >= min && length <= max;
        },
        defaultMessage: () => `$property must be ${min} to ${max} characters`,
      },
    },
    options,
  );
}

/** An optional field may be left out, but `null` is a wrong type (class-validator's `IsOptional` lets it through). */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}
