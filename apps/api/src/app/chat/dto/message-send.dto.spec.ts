import { payloadErrors, validPayload } from '../../../testing/socket-payload';
import { MessageSendDto } from './message-send.dto';

describe('MessageSendDto through the socket payload pipe', () => {
  it('refuses non-objects, extra fields and inherited keys', async () => {
    expect(await payloadErrors([], MessageSendDto)).toEqual(['payload must be a JSON object']);
    expect(await payloadErrors({ text: 'hi', extra: 1 }, MessageSendDto)).toEqual(['property extra should not exist']);
    expect(await payloadErrors(JSON.parse('{"text":"hi","__proto__":{}}'), MessageSendDto)).toEqual(['property __proto__ should not exist']);
    expect(await payloadErrors({ text: 'hi', valueOf: 1 }, MessageSendDto)).toEqual(['property valueOf should not exist']);
  });

  it('counts text against MAX_MESSAGE_LENGTH (500 by default)', async () => {
    expect(await payloadErrors({ text: 'x'.repeat(501) }, MessageSendDto)).toEqual(['text must be 1 to 500 characters']);
    expect(await validPayload({ text: '😀'.repeat(500) }, MessageSendDto)).toEqual({ text: '😀'.repeat(500) });
  });

  it('refuses a null clientMessageId: a wrong type, not a missing one', async () => {
    expect(await payloadErrors({ text: 'hi', clientMessageId: null }, MessageSendDto)).toContain('clientMessageId must be a string');
  });

  it('replaces lone surrogates with U+FFFD, so what is stored is what was acked', async () => {
    expect(await validPayload({ text: ' a\ud800b\udc00 😀 ' }, MessageSendDto)).toEqual({ text: 'a\ufffdb\ufffd 😀' });
  });

  it('stores NUL in message text as U+FFFD (PostgreSQL text cannot hold it)', async () => {
    expect(await validPayload({ text: 'a\u0000b' }, MessageSendDto)).toEqual({ text: 'a\ufffdb' });
  });
});
