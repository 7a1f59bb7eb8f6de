import { ArgumentMetadata } from '@nestjs/common';
import { MessageSendDto } from '../chat/dto/message-send.dto';
import { SessionStartDto } from '../lobby/dto/session-start.dto';
import { SocketPayloadPipe } from './socket-payload.pipe';
import { InvalidPayloadException } from './ws-exceptions';

const pipe = new SocketPayloadPipe();
const as = (metatype: ArgumentMetadata['metatype']): ArgumentMetadata => ({ type: 'body', metatype });
const errorsOf = async (value: unknown, metatype: ArgumentMetadata['metatype']) => {
  try {
    await pipe.transform(value, as(metatype));
  } catch (error) {
    if (error instanceof InvalidPayloadException) return error.errors;
    throw error;
  }
  return [];
};

describe('SocketPayloadPipe', () => {
  it('trims and returns a DTO instance for a valid payload', async () => {
    const dto = await pipe.transform({ nickname: '  Ada ' }, as(SessionStartDto));
    expect(dto).toBeInstanceOf(SessionStartDto);
    expect(dto).toEqual({ nickname: 'Ada' });
  });

  it.each([['text'], [1], [null], [undefined], [[]], [Buffer.from('x')], [new Date()]])('refuses the non-object %p', async (value) => {
    expect(await errorsOf(value, MessageSendDto)).toEqual(['payload must be a JSON object']);
  });

  it('explains each broken rule', async () => {
    expect(await errorsOf({ nickname: 'a\u0000b' }, SessionStartDto)).toEqual(['nickname must not contain control characters']);
    expect(await errorsOf({ nickname: '   ' }, SessionStartDto)).toEqual(['nickname must be 1 to 32 characters']);
    expect(await errorsOf({ text: 'hi', extra: 1 }, MessageSendDto)).toEqual(['property extra should not exist']);
    expect(await errorsOf({ text: 'x'.repeat(501) }, MessageSendDto)).toEqual(['text must be 1 to 500 characters']);
    expect(await errorsOf(JSON.parse('{"text":"hi","__proto__":{}}'), MessageSendDto)).toEqual(['property __proto__ should not exist']);
  });
});
