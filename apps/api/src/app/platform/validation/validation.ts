import { BadRequestException, INestApplicationContext, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { MessageLengthConstraint } from '../../chat/dto/message-length.constraint';

/** The one validation setup, for HTTP query/body DTOs and socket payload DTOs alike. */
export const validationOptions: ValidationPipeOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  stopAtFirstError: false,
  validationError: { target: false, value: false },
};

/** Flattens class-validator errors (nested ones too) into plain sentences. */
export function describeValidationErrors(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {});
    return [...own, ...describeValidationErrors(error.children ?? [], path)];
  });
}

/** The body of every 400 from a bad request: the same shape as `error:invalid_payload`. */
export interface InvalidPayloadBody {
  statusCode: 400;
  error: 'invalid_payload';
  errors: string[];
}

export function createHttpValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    ...validationOptions,
    exceptionFactory: (errors) => {
      const body: InvalidPayloadBody = { statusCode: 400, error: 'invalid_payload', errors: describeValidationErrors(errors) };
      return new BadRequestException(body);
    },
  });
}

/** Validator constraint classes that Nest constructs (they inject configuration). */
const INJECTABLE_CONSTRAINTS: readonly (new (...args: never[]) => unknown)[] = [MessageLengthConstraint];

/**
 * The container class-validator asks for constraint and validator instances: Nest's for the
 * constraints above, its own (one instance per class) for everything else. Asking Nest for a
 * class it does not know throws, and class-validator asks on every validation; that would be an
 * exception per message.
 */
export function validatorContainer(app: INestApplicationContext): { get<T>(someClass: new (...args: never[]) => T): T } {
  const own = new Map<unknown, unknown>();
  return {
    get<T>(someClass: new (...args: never[]) => T): T {
      if (INJECTABLE_CONSTRAINTS.includes(someClass)) return app.get(someClass, { strict: false });
      if (!own.has(someClass)) own.set(someClass, new someClass());
      return own.get(someClass) as T;
    },
  };
}
