import type { ArgumentMetadata } from '@nestjs/common';
import { InvalidPayloadException } from '../app/platform/realtime/ws-exceptions';
import { SocketPayloadPipe } from '../app/platform/validation/socket-payload.pipe';

const pipe = new SocketPayloadPipe();

/** What the socket payload pipe makes of `value` for the DTO class `dto` (throws when it refuses it). */
export function validPayload(value: unknown, dto: ArgumentMetadata['metatype']): Promise<unknown> {
  return pipe.transform(value, { type: 'body', metatype: dto });
}

/** The errors the socket payload pipe refuses `value` with; none when it passes. */
export async function payloadErrors(value: unknown, dto: ArgumentMetadata['metatype']): Promise<string[]> {
  try {
    await validPayload(value, dto);
  } catch (error) {
    if (error instanceof InvalidPayloadException) return error.errors;
    throw error;
  }
  return [];
}
