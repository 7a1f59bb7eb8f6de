import { Injectable, Optional } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ValidationArguments, ValidatorConstraint, ValidatorConstraintInterface } from 'class-validator';
import { characterCount, DEFAULT_MAX_MESSAGE_LENGTH } from '@moodlobby/shared';
import type { AppConfig } from '../../platform/config/env.validation';

/**
 * Message text length against `MAX_MESSAGE_LENGTH`. A constraint class (resolved from Nest's
 * container through class-validator's `useContainer`) because the limit is configuration,
 * which a static decorator argument cannot read. Counts code points, so an emoji is one.
 */
@ValidatorConstraint({ name: 'messageLength' })
@Injectable()
export class MessageLengthConstraint implements ValidatorConstraintInterface {
  private readonly max: number;

  constructor(@Optional() config?: ConfigService<AppConfig, true>) {
    this.max = config?.get('MAX_MESSAGE_LENGTH', { infer: true }) ?? DEFAULT_MAX_MESSAGE_LENGTH;
  }

  validate(text: unknown): boolean {
    if (typeof text !== 'string') return false;
    const length = characterCount(text);
    return length >= 1 && length <= this.max;
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be 1 to ${this.max} characters`;
  }
}
