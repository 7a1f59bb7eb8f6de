import { BadRequestException, INestApplicationContext, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';
import { INJECTABLE_WATERMARK } from '@nestjs/common/constants';

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

/**
 * The container class-validator asks for constraint and validator instances: a constraint class
 * marked `@Injectable()` (one that injects configuration, as chat's message length does) comes
 * from Nest, and its module must provide it; class-validator makes the rest itself, one instance
 * per class. Nest is never asked for a class it does not know: that throws, and on the
 * application it ends the process.
 */
export function validatorContainer(app: INestApplicationContext): { get<T>(someClass: new (...args: never[]) => T): T } {
  const instances = new Map<unknown, unknown>();
  return {
    get<T>(someClass: new (...args: never[]) => T): T {
      if (!instances.has(someClass)) {
        const injectable = Reflect.getMetadata(INJECTABLE_WATERMARK, someClass) === true;
        instances.set(someClass, injectable ? app.get(someClass, { strict: false }) : new someClass());
      }
      return instances.get(someClass) as T;
    },
  };
}
