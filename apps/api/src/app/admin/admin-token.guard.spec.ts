import type { ConfigService } from '@nestjs/config';
import type { AppConfig } from '../platform/config/env.validation';
import { ADMIN_SESSION_MAX_AGE_MS, AdminTokenService, readCookie } from './admin-token.guard';

function service(token: string): AdminTokenService {
  return new AdminTokenService({ get: () => token } as unknown as ConfigService<AppConfig, true>);
}

describe('admin session cookie', () => {
  const now = Date.UTC(2026, 11, 5, 12);

  it('verifies what the same token issued, until it is ADMIN_SESSION_MAX_AGE_MS old', () => {
    const tokens = service('the-admin-token-1234');
    const session = tokens.issueSession(now);
    expect(tokens.verifiesSession(session, now)).toBe(true);
    expect(tokens.verifiesSession(session, now + ADMIN_SESSION_MAX_AGE_MS - 1)).toBe(true);
    expect(tokens.verifiesSession(session, now + ADMIN_SESSION_MAX_AGE_MS)).toBe(false);
    // Issued in the future: forged or a skewed clock, refused either way.
    expect(tokens.verifiesSession(tokens.issueSession(now + 1000), now)).toBe(false);
  });

  it('ends when the token changes, and never carries the token', () => {
    const session = service('the-admin-token-1234').issueSession(now);
    expect(service('another-token-56789').verifiesSession(session, now)).toBe(false);
    expect(session).not.toContain('the-admin-token-1234');
  });

  it('refuses malformed values', () => {
    const tokens = service('the-admin-token-1234');
    const [issued, signature] = tokens.issueSession(now).split('.');
    for (const value of ['', issued, `${issued}.`, `${issued}.${signature}x`, `x${issued}.${signature}`, `${issued}.${signature.toUpperCase()}`]) {
      expect(tokens.verifiesSession(value, now)).toBe(false);
    }
  });
});

describe('readCookie', () => {
  it('finds one cookie among several, by exact name', () => {
    expect(readCookie('a=1; moodlobby_admin=v.w; b=2', 'moodlobby_admin')).toBe('v.w');
    expect(readCookie('xmoodlobby_admin=v', 'moodlobby_admin')).toBeNull();
    expect(readCookie(undefined, 'moodlobby_admin')).toBeNull();
  });
});
