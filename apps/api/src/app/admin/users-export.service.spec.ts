import { parse } from 'csv-parse/sync';
import { csvLine } from './users-export.service';

describe('csvLine (RFC 4180)', () => {
  it('quotes fields with a comma, a quote or a line break, doubles quotes, ends with CRLF', () => {
    const fields = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\rhere', '', 42];
    const line = csvLine(fields);
    expect(line).toBe('plain,"a,b","say ""hi""","two\nlines","cr\rhere",,42\r\n');
    expect(parse(line)).toEqual([fields.map(String)]);
  });
});
