import { ArgumentsHost, Logger } from '@nestjs/common';
import { ServerEvent } from '@moodlobby/shared';
import { WsErrorFilter } from './ws-error.filter';
import { InvalidPayloadException, RateLimitedException, SessionRequiredException } from './ws-exceptions';

function host(ack?: jest.Mock) {
  const socket = { id: 's1', emit: jest.fn() };
  const args = ack ? [socket, {}, ack] : [socket, {}];
  const argumentsHost = {
    switchToWs: () => ({ getClient: () => socket, getPattern: () => 'message:send', getData: () => ({}) }),
    getArgs: () => args,
  } as unknown as ArgumentsHost;
  return { socket, argumentsHost };
}

describe('WsErrorFilter', () => {
  const filter = new WsErrorFilter();

  it.each([
    [new InvalidPayloadException(['text must be a string']), ServerEvent.InvalidPayload, { event: 'message:send', errors: ['text must be a string'] }, { ok: false, error: 'invalid_payload', errors: ['text must be a string'] }],
    [new RateLimitedException(3000), ServerEvent.RateLimited, { event: 'message:send', retryAfterMs: 3000 }, { ok: false, error: 'rate_limited', retryAfterMs: 3000 }],
    [new SessionRequiredException(), ServerEvent.SessionRequired, { event: 'message:send' }, { ok: false, error: 'session_required' }],
  ])('answers %p with its event and an error ack', (exception, event, payload, ackBody) => {
    const ack = jest.fn();
    const { socket, argumentsHost } = host(ack);
    filter.catch(exception, argumentsHost);
    expect(socket.emit).toHaveBeenCalledWith(event, payload);
    expect(ack).toHaveBeenCalledWith(ackBody);
  });

  it('answers anything else as internal without an error event, and works without an ack', () => {
    const ack = jest.fn();
    const { socket, argumentsHost } = host(ack);
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    filter.catch(new Error('database is locked'), argumentsHost);
    expect(ack).toHaveBeenCalledWith({ ok: false, error: 'internal' });
    expect(socket.emit).not.toHaveBeenCalled();

    const noAck = host();
    expect(() => filter.catch(new RateLimitedException(1000), noAck.argumentsHost)).not.toThrow();
    expect(noAck.socket.emit).toHaveBeenCalledWith(ServerEvent.RateLimited, { event: 'message:send', retryAfterMs: 1000 });
  });
});
