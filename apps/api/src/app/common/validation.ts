import { BadRequestException, ValidationError, ValidationPipe, ValidationPipeOptions } from '@nestjs/common';

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
