import { EXAMPLE_SESSION_SECRET, validateEnv } from './env.validation';

describe('validateEnv', () => {
  it('fills every default from an empty environment', () => {
    const config = validateEnv({});
    expect(config).toMatchObject({
      PORT: 3000,
      DATABASE_URL: 'sqlite:data/moodlobby.db',
      SIDECAR_URL: 'http://127.0.0.1:8000',
      MESSAGE_HISTORY_LIMIT: 50,
      MAX_MESSAGE_LENGTH: 500,
      RATE_LIMIT_MAX: 5,
      RATE_LIMIT_WINDOW_MS: 5000,
      EXPERIMENT_KEY: 'moodlobby-vn',
      TREATMENT_SHARE: 0.5,
      INFERENCE_MAX_ATTEMPTS: 3,
      ENABLE_MODEL: '0',
      VN_BACKGROUND_DEBOUNCE_MS: 1500,
      SEQUENTIAL_TUNING_N: 5000,
      EXPERIMENT_PRIMARY_METRIC: 'd7',
      EXPERIMENT_TARGET_LIFT: 0.05,
    });
    expect(config.SESSION_SECRET).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('converts numbers and keeps only known settings', () => {
    const config = validateEnv({ PORT: '4000', TREATMENT_SHARE: '0.2', PATH: '/usr/bin', REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(config.PORT).toBe(4000);
    expect(config.TREATMENT_SHARE).toBe(0.2);
    expect(config.REDIS_URL).toBe('redis://127.0.0.1:6379');
    expect(config).not.toHaveProperty('PATH');
  });

  it('treats empty values as unset', () => {
    const config = validateEnv({ SESSION_SECRET: '', ADMIN_TOKEN: '', PORT: '' });
    expect(config.PORT).toBe(3000);
    expect(config.SESSION_SECRET).toBeUndefined();
    expect(config.ADMIN_TOKEN).toBeUndefined();
  });

  it('names every bad setting in one error', () => {
    const attempt = () =>
      validateEnv({ PORT: 'eighty', TREATMENT_SHARE: '1.5', RATE_LIMIT_MAX: '0', SIDECAR_URL: 'localhost:8000', ENABLE_MODEL: 'yes' });
    expect(attempt).toThrow(/Invalid configuration/);
    const message = (() => {
      try {
        attempt();
        return '';
      } catch (error) {
        return (error as Error).message;
      }
    })();
    for (const name of ['PORT', 'TREATMENT_SHARE', 'RATE_LIMIT_MAX', 'SIDECAR_URL', 'ENABLE_MODEL']) {
      expect(message).toContain(name);
    }
  });

  it('validates the readout settings', () => {
    const config = validateEnv({ SEQUENTIAL_TUNING_N: '20000', EXPERIMENT_PRIMARY_METRIC: 'd1', EXPERIMENT_TARGET_LIFT: '0.02' });
    expect(config).toMatchObject({ SEQUENTIAL_TUNING_N: 20000, EXPERIMENT_PRIMARY_METRIC: 'd1', EXPERIMENT_TARGET_LIFT: 0.02 });
    for (const [name, value] of [
      ['SEQUENTIAL_TUNING_N', '0'],
      ['SEQUENTIAL_TUNING_N', '2.5'],
      ['SEQUENTIAL_TUNING_N', 'many'],
      ['EXPERIMENT_PRIMARY_METRIC', 'd14'],
      ['EXPERIMENT_PRIMARY_METRIC', 'D7'],
      ['EXPERIMENT_TARGET_LIFT', '0'],
      ['EXPERIMENT_TARGET_LIFT', '1'],
      ['EXPERIMENT_TARGET_LIFT', '-0.05'],
      ['EXPERIMENT_TARGET_LIFT', '5%'],
    ]) {
      expect(() => validateEnv({ [name]: value })).toThrow(new RegExp(`${name}=${JSON.stringify(value)}`));
    }
  });

  it('requires a real SESSION_SECRET in production', () => {
    expect(() => validateEnv({ NODE_ENV: 'production' })).toThrow(/SESSION_SECRET is required/);
    expect(() => validateEnv({ NODE_ENV: 'production', SESSION_SECRET: EXAMPLE_SESSION_SECRET })).toThrow(/example value/);
    expect(validateEnv({ NODE_ENV: 'production', SESSION_SECRET: 'a-very-long-production-secret' }).NODE_ENV).toBe('production');
  });
});
