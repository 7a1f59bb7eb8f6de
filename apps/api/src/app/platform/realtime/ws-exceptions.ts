/**
 * Errors a socket handler throws; `WsErrorFilter` turns each into its `error:*` event and an
 * `{ ok: false }` ack. Anything else thrown becomes an internal error answer.
 */
export class InvalidPayloadException extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid payload: ${errors.join('; ')}`);
  }
}

export class RateLimitedException extends Error {
  constructor(readonly retryAfterMs: number) {
    super(`rate limited for ${retryAfterMs} ms`);
  }
}

export class SessionRequiredException extends Error {
  constructor() {
    super('session:start first');
  }
}
