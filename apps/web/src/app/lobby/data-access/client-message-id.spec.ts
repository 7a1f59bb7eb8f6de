import { CLIENT_MESSAGE_ID_PATTERN } from '@moodlobby/shared';
import { newClientMessageId } from './client-message-id';

describe('newClientMessageId', () => {
  it('uses crypto.randomUUID when the origin offers it', () => {
    expect(newClientMessageId({ randomUUID: () => '11111111-2222-4333-8444-555555555555' })).toBe(
      '11111111-2222-4333-8444-555555555555',
    );
  });

  it('falls back to random bytes on non-secure origins, still a valid and fresh id', () => {
    const noUuid = { getRandomValues: <T extends ArrayBufferView | null>(a: T) => globalThis.crypto.getRandomValues(a as Uint8Array) as T };
    const a = newClientMessageId(noUuid as Partial<Crypto>);
    const b = newClientMessageId(noUuid as Partial<Crypto>);

    expect(a).toMatch(CLIENT_MESSAGE_ID_PATTERN);
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(a).not.toBe(b);
  });

  it('works with no crypto at all', () => {
    expect(newClientMessageId(null)).toMatch(CLIENT_MESSAGE_ID_PATTERN);
  });
});
