import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';
import { payloadErrors, validPayload } from '../../../testing/socket-payload';
import { trimString } from './transforms';
import { IsOmittable } from './validators';

/** A payload DTO of the usual shape: one required trimmed string, one optional string. */
class NoteDto {
  @Transform(trimString)
  @IsString()
  @MaxLength(10)
  text!: string;

  @IsOmittable()
  @IsString()
  tag?: string;
}

describe('SocketPayloadPipe', () => {
  it('trims and returns a DTO instance for a valid payload', async () => {
    const dto = await validPayload({ text: '  hi ', tag: 'x' }, NoteDto);
    expect(dto).toBeInstanceOf(NoteDto);
    expect(dto).toEqual({ text: 'hi', tag: 'x' });
  });

  it.each([['text'], [1], [null], [undefined], [[]], [Buffer.from('x')], [new Date()]])('refuses the non-object %p', async (value) => {
    expect(await payloadErrors(value, NoteDto)).toEqual(['payload must be a JSON object']);
  });

  it('explains each broken rule', async () => {
    expect(await payloadErrors({ text: 'hi', extra: 1 }, NoteDto)).toEqual(['property extra should not exist']);
    expect(await payloadErrors({ text: 'x'.repeat(11) }, NoteDto)).toEqual(['text must be shorter than or equal to 10 characters']);
    expect(await payloadErrors(JSON.parse('{"text":"hi","__proto__":{}}'), NoteDto)).toEqual(['property __proto__ should not exist']);
  });

  it('refuses keys every object inherits, which class-transformer would drop silently', async () => {
    expect(await payloadErrors({ text: 'hi', valueOf: 1 }, NoteDto)).toEqual(['property valueOf should not exist']);
    expect(await payloadErrors({ text: 'hi', hasOwnProperty: 'x' }, NoteDto)).toEqual(['property hasOwnProperty should not exist']);
  });

  it('refuses null for an optional field: it is a wrong type, not a missing field', async () => {
    expect(await payloadErrors({ text: 'hi', tag: null }, NoteDto)).toContain('tag must be a string');
    expect(await validPayload({ text: 'hi' }, NoteDto)).toEqual({ text: 'hi' });
  });

  it('replaces lone surrogates with U+FFFD, so what is stored is what was acked', async () => {
    expect(await validPayload({ text: ' a\ud800b\udc00 ' }, NoteDto)).toEqual({ text: 'a\ufffdb\ufffd' });
  });
});
