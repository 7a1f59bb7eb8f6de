import { ArgumentMetadata } from '@nestjs/common';
import { MessageSendDto } from '../../chat/dto/message-send.dto';
import { SessionStartDto } from '../../lobby/dto/session-start.dto';
import { SocketPayloadPipe } from './socket-payload.pipe';
import { InvalidPayloadException } from '../realtime/ws-exceptions';

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

  it('refuses keys every object inherits, which class-transformer would drop silently', async () => {
    expect(await errorsOf({ text: 'hi', valueOf: 1 }, MessageSendDto)).toEqual(['property valueOf should not exist']);
    expect(await errorsOf({ nickname: 'Ada', hasOwnProperty: 'x' }, SessionStartDto)).toEqual(['property hasOwnProperty should not exist']);
  });

  it('refuses null for an optional field: it is a wrong type, not a missing field', async () => {
    expect(await errorsOf({ text: 'hi', clientMessageId: null }, MessageSendDto)).toContain('clientMessageId must be a string');
    expect(await errorsOf({ nickname: 'Ada', token: null }, SessionStartDto)).toContain('token must be a string');
    expect(await pipe.transform({ nickname: 'Ada' }, as(SessionStartDto))).toEqual({ nickname: 'Ada' });
  });

  it('counts nickname length in code points, as the shared characterCount does', async () => {
    expect(await pipe.transform({ nickname: '\ufe0f' }, as(SessionStartDto))).toEqual({ nickname: '\ufe0f' });
    expect(await pipe.transform({ nickname: '😀'.repeat(32) }, as(SessionStartDto))).toEqual({ nickname: '😀'.repeat(32) });
    expect(await errorsOf({ nickname: 'a\ufe0f'.repeat(17) }, SessionStartDto)).toEqual(['nickname must be 1 to 32 characters']);
  });

  it('replaces lone surrogates with U+FFFD, so what is stored is what was acked', async () => {
    expect(await pipe.transform({ text: ' a\ud800b\udc00 😀 ' }, as(MessageSendDto))).toEqual({ text: 'a\ufffdb\ufffd 😀' });
    expect(await pipe.transform({ nickname: '\udbffAda' }, as(SessionStartDto))).toEqual({ nickname: '\ufffdAda' });
  });

  it('stores NUL in message text as U+FFFD (PostgreSQL text cannot hold it) and still refuses it in a nickname', async () => {
    expect(await pipe.transform({ text: 'a\u0000b' }, as(MessageSendDto))).toEqual({ text: 'a\ufffdb' });
    expect(await errorsOf({ nickname: 'a\u0000b' }, SessionStartDto)).toEqual(['nickname must not contain control characters']);
  });
});
