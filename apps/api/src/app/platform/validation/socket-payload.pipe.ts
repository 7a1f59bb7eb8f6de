import { ArgumentMetadata, Injectable, PipeTransform, ValidationPipe } from '@nestjs/common';
import { describeValidationErrors, validationOptions } from './validation';
import { InvalidPayloadException } from '../realtime/ws-exceptions';

/**
 * Validates a socket event's payload against its DTO with the shared validation setup.
 * A payload that is not a plain JSON object (a string, an array, a binary frame, nothing)
 * is refused before class-validator sees it.
 */
/**
 * Keys that reach prototypes, or name what every object inherits (`__proto__`, `constructor`,
 * `toString`, `valueOf`, …): class-transformer would drop or misread them (it silently skips a
 * key the DTO instance already has as a method), so they are refused outright.
 */
const isForbiddenKey = (key: string) => key === 'prototype' || key in Object.prototype;

@Injectable()
export class SocketPayloadPipe implements PipeTransform {
  private readonly validation = new ValidationPipe({
    ...validationOptions,
    exceptionFactory: (errors) => new InvalidPayloadException(describeValidationErrors(errors)),
  });

  transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (!isPlainObject(value)) {
      throw new InvalidPayloadException(['payload must be a JSON object']);
    }
    const forbidden = Object.keys(value).filter(isForbiddenKey);
    if (forbidden.length > 0) {
      throw new InvalidPayloadException(forbidden.map((key) => `property ${key} should not exist`));
    }
    return this.validation.transform(value, metadata);
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
