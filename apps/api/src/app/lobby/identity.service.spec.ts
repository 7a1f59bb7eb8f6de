import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigService } from '@nestjs/config';
import { IdentityService } from './identity.service';

const USER = '0b5e7c3a-1f2d-4c6b-9a8e-7d6c5b4a3f21';
const config = (values: Record<string, unknown>) => new ConfigService(values) as ConfigService<never, true>;

describe('IdentityService', () => {
  const service = new IdentityService(config({ SESSION_SECRET: 'unit-test-secret-0123456789', DATABASE_URL: 'sqlite::memory:' }));

  it('verifies the tokens it signs', () => {
    const token = service.sign(USER);
    expect(token.startsWith(`${USER}.`)).toBe(true);
    expect(service.verify(token)).toBe(USER);
  });

  it('refuses changed, foreign and malformed tokens', () => {
    const token = service.sign(USER);
    const other = new IdentityService(config({ SESSION_SECRET: 'another-secret-0123456789', DATABASE_URL: 'sqlite::memory:' }));
    const otherUser = USER.replace('0b5e', '0b5f');
    for (const bad of [
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      other.sign(USER),
      `${otherUser}.${token.split('.')[1]}`,
      USER,
      `${USER}.`,
      '',
      undefined,
      'x'.repeat(10_000),
      `not-a-uuid.${token.split('.')[1]}`,
    ]) {
      expect(service.verify(bad)).toBeNull();
    }
  });

  it('generates a secret once beside the SQLite file and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'identity-'));
    try {
      const databaseUrl = `sqlite:${join(dir, 'db.sqlite')}`;
      const first = new IdentityService(config({ DATABASE_URL: databaseUrl }));
      const stored = readFileSync(join(dir, 'session-secret'), 'utf8').trim();
      expect(stored.length).toBeGreaterThanOrEqual(32);
      const second = new IdentityService(config({ DATABASE_URL: databaseUrl }));
      expect(second.verify(first.sign(USER))).toBe(USER);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
