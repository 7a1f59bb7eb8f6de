import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';
import {
  DEFAULT_MAX_MESSAGE_LENGTH,
  DEFAULT_MESSAGE_HISTORY_LIMIT,
  DEFAULT_RATE_LIMIT_MAX,
  DEFAULT_RATE_LIMIT_WINDOW_MS,
  DEFAULT_TREATMENT_SHARE,
  DEFAULT_VN_BACKGROUND_DEBOUNCE_MS,
  PRIMARY_METRICS,
  type PrimaryMetric,
} from '@moodlobby/shared';

/** The value `.env.example` ships with; refused as a production secret. */
export const EXAMPLE_SESSION_SECRET = 'change-me-to-a-long-random-string';

const TUNING_N_RANGE = 'SEQUENTIAL_TUNING_N must be a positive integer';
const TARGET_LIFT_RANGE = 'EXPERIMENT_TARGET_LIFT must be a number between 0 and 1 (exclusive)';

const toNumber = ({ value }: { value: unknown }) => (typeof value === 'string' ? Number(value) : value);

/**
 * Every setting of SPEC section 11 (and a few operational ones), read from the environment,
 * with its default. `validateEnv` turns `process.env` into this, or stops the server with a
 * message naming each bad setting.
 */
export class EnvironmentVariables {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /** `sqlite:<path>` (or a bare path / `file:<path>`), or `postgres://user:pass@host:port/db`. */
  @IsString()
  @Matches(/^(sqlite:|file:|postgres:\/\/|postgresql:\/\/|[^:]+$)/, {
    message: 'DATABASE_URL must be sqlite:<path>, file:<path>, a file path, or a postgres:// URL',
  })
  DATABASE_URL = 'sqlite:data/moodlobby.db';

  @IsOptional()
  @Matches(/^rediss?:\/\/.+/, { message: 'REDIS_URL must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  @Matches(/^https?:\/\/[^/]+/, { message: 'SIDECAR_URL must be an http(s) URL' })
  SIDECAR_URL = 'http://127.0.0.1:8000';

  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(1000)
  MESSAGE_HISTORY_LIMIT = DEFAULT_MESSAGE_HISTORY_LIMIT;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(10000)
  MAX_MESSAGE_LENGTH = DEFAULT_MAX_MESSAGE_LENGTH;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  RATE_LIMIT_MAX = DEFAULT_RATE_LIMIT_MAX;

  @Transform(toNumber)
  @IsInt()
  @Min(100)
  RATE_LIMIT_WINDOW_MS = DEFAULT_RATE_LIMIT_WINDOW_MS;

  /** HMAC key for session tokens. Optional in development (one is generated and kept beside the database). */
  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'SESSION_SECRET must be at least 16 characters' })
  SESSION_SECRET?: string;

  /** Bearer token for /admin. Optional: a random one is generated at start and logged once. */
  @IsOptional()
  @IsString()
  @MinLength(8, { message: 'ADMIN_TOKEN must be at least 8 characters' })
  ADMIN_TOKEN?: string;

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  EXPERIMENT_KEY = 'moodlobby-vn';

  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1)
  TREATMENT_SHARE = DEFAULT_TREATMENT_SHARE;

  /** The readout's sequential intervals are tightest near this many units (N* in SPEC 10.1). */
  @Transform(toNumber)
  @IsInt({ message: TUNING_N_RANGE })
  @Min(1, { message: TUNING_N_RANGE })
  SEQUENTIAL_TUNING_N = 5000;

  /** The metric the readout's decision is made on. */
  @IsIn(PRIMARY_METRICS, { message: `EXPERIMENT_PRIMARY_METRIC must be one of ${PRIMARY_METRICS.join(', ')}` })
  EXPERIMENT_PRIMARY_METRIC: PrimaryMetric = 'd7';

  /** The absolute lift on the primary metric the experiment should be able to detect, in (0, 1). */
  @Transform(toNumber)
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: TARGET_LIFT_RANGE })
  @IsPositive({ message: TARGET_LIFT_RANGE })
  @Max(1 - Number.EPSILON, { message: TARGET_LIFT_RANGE })
  EXPERIMENT_TARGET_LIFT = 0.05;

  @Transform(toNumber)
  @IsInt()
  @Min(10)
  INFERENCE_POLL_MS = 1000;

  @Transform(toNumber)
  @IsInt()
  @Min(50)
  INFERENCE_TIMEOUT_MS = 3000;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(20)
  INFERENCE_MAX_ATTEMPTS = 3;

  /** How many sidecar calls the worker keeps in flight. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(64)
  INFERENCE_CONCURRENCY = 4;

  /** Texts sent to the sidecar in one `POST /infer/batch` call. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(64)
  INFERENCE_BATCH_SIZE = 16;

  /**
   * While more than two messages arrive per this window (at their rate over about the last
   * second), claims woken by new messages are at least this far apart: messages stored within
   * it go to the sidecar together. Slower than that, or 0, every new message is claimed at once.
   */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(1000)
  INFERENCE_BATCH_WINDOW_MS = 50;

  /** First retry delay; each further attempt waits twice as long. */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  INFERENCE_RETRY_BASE_MS = 1000;

  /** A job PROCESSING longer than this belonged to a process that died; it is claimed again. */
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  INFERENCE_LOCK_TIMEOUT_MS = 30000;

  /**
   * Overload bound: a job whose message is older than this is not inferred any more but SKIPPED
   * (the message keeps `neutral` with moodStatus `failed`), so moods never arrive later than this.
   */
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  INFERENCE_MAX_BACKLOG_AGE_MS = 30000;

  /** Read by the sidecar (1 = real classifier); validated here because `npm start` passes it on. */
  @Transform(({ value }) => String(value))
  @IsIn(['0', '1'], { message: 'ENABLE_MODEL must be 0 or 1' })
  ENABLE_MODEL = '0';

  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(60000)
  VN_BACKGROUND_DEBOUNCE_MS = DEFAULT_VN_BACKGROUND_DEBOUNCE_MS;

  /** Comma-separated origins allowed to call the API and open sockets cross-origin. */
  @IsString()
  CORS_ORIGIN = 'http://localhost:5173';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';
}

export type AppConfig = Readonly<EnvironmentVariables>;

/** The names of all settings (optional ones have no initialiser, so they are listed by hand). */
const SETTINGS = new Set([...Object.keys(new EnvironmentVariables()), 'REDIS_URL', 'SESSION_SECRET', 'ADMIN_TOKEN']);

/** Validates the raw environment (an empty value counts as unset); throws one error listing every bad setting. */
export function validateEnv(raw: Record<string, unknown>): AppConfig {
  const picked = Object.fromEntries(Object.entries(raw).filter(([key, value]) => value !== undefined && value !== '' && SETTINGS.has(key)));
  const config = plainToInstance(EnvironmentVariables, picked, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false });
  const problems = errors.flatMap((error) =>
    Object.values(error.constraints ?? {}).map((message) => `  - ${error.property}=${JSON.stringify(raw[error.property])}: ${message}`),
  );
  if (config.NODE_ENV === 'production') {
    if (!config.SESSION_SECRET) problems.push('  - SESSION_SECRET is required when NODE_ENV=production');
    else if (config.SESSION_SECRET === EXAMPLE_SESSION_SECRET) {
      problems.push('  - SESSION_SECRET still has the example value; set a long random string');
    }
  }
  if (problems.length > 0) {
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  return Object.freeze(config);
}
