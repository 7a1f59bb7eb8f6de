import { payloadErrors, validPayload } from '../../../testing/socket-payload';
import { SessionStartDto } from './session-start.dto';

describe('SessionStartDto through the socket payload pipe', () => {
  it('trims the nickname and returns a DTO instance', async () => {
    const dto = await validPayload({ nickname: '  Ada ' }, SessionStartDto);
    expect(dto).toBeInstanceOf(SessionStartDto);
    expect(dto).toEqual({ nickname: 'Ada' });
  });

  it('explains each broken rule', async () => {
    expect(await payloadErrors({ nickname: 'a\u0000b' }, SessionStartDto)).toEqual(['nickname must not contain control characters']);
    expect(await payloadErrors({ nickname: '   ' }, SessionStartDto)).toEqual(['nickname must be 1 to 32 characters']);
    expect(await payloadErrors({ nickname: 'Ada', hasOwnProperty: 'x' }, SessionStartDto)).toEqual(['property hasOwnProperty should not exist']);
  });

  it('refuses a null token: a wrong type, not a missing one', async () => {
    expect(await payloadErrors({ nickname: 'Ada', token: null }, SessionStartDto)).toContain('token must be a string');
    expect(await validPayload({ nickname: 'Ada' }, SessionStartDto)).toEqual({ nickname: 'Ada' });
  });

  it('counts nickname length in code points, as the shared characterCount does', async () => {
    expect(await validPayload({ nickname: '\ufe0f' }, SessionStartDto)).toEqual({ nickname: '\ufe0f' });
    expect(await validPayload({ nickname: '😀'.repeat(32) }, SessionStartDto)).toEqual({ nickname: '😀'.repeat(32) });
    expect(await payloadErrors({ nickname: 'a\ufe0f'.repeat(17) }, SessionStartDto)).toEqual(['nickname must be 1 to 32 characters']);
  });

  it('replaces lone surrogates with U+FFFD and refuses NUL', async () => {
    expect(await validPayload({ nickname: '\udbffAda' }, SessionStartDto)).toEqual({ nickname: '\ufffdAda' });
    expect(await payloadErrors({ nickname: 'a\u0000b' }, SessionStartDto)).toEqual(['nickname must not contain control characters']);
  });
});
