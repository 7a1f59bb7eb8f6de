import { parseDatabaseUrl } from './database-url';

describe('parseDatabaseUrl', () => {
  it.each([
    ['sqlite:data/app.db', '/srv/data/app.db'],
    ['file:./x.sqlite', '/srv/x.sqlite'],
    ['sqlite:///var/lib/app.db', '/var/lib/app.db'],
    ['data/plain.db', '/srv/data/plain.db'],
  ])('reads %s as a SQLite file', (url, path) => {
    expect(parseDatabaseUrl(url, '/srv')).toEqual({ kind: 'sqlite', path });
  });

  it('reads postgres URLs as PostgreSQL', () => {
    expect(parseDatabaseUrl('postgres://u:p@localhost:5432/db')).toEqual({ kind: 'postgres', url: 'postgres://u:p@localhost:5432/db' });
    expect(parseDatabaseUrl('postgresql://localhost/db').kind).toBe('postgres');
  });
});
