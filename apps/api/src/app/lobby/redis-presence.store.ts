import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type Redis from 'ioredis';
import type { PresenceUser } from '@moodlobby/shared';
import { byNickname, PresenceStore } from './presence.store';

const USERS = 'presence:users';
const NICKNAMES = 'presence:nicknames';
const sockets = (userId: string) => `presence:sockets:${userId}`;
const alive = (processId: string) => `presence:process:${processId}`;

/** Forgets one socket; when it was the user's last, the user too. Returns 1 then, else 0. */
const REMOVE = `
local removed = redis.call('SREM', KEYS[1], ARGV[1])
if removed == 1 and redis.call('SCARD', KEYS[1]) == 0 then
  redis.call('SREM', KEYS[2], ARGV[2])
  redis.call('HDEL', KEYS[3], ARGV[2])
  return 1
end
return 0`;

/**
 * Presence shared by every API process through Redis. Each socket is stored as
 * `<process>|<socket>` under its user; each process keeps a heartbeat key alive, so the sockets
 * of a process that died (SIGKILL, power loss) stop counting once its heartbeat expires.
 */
export class RedisPresenceStore extends PresenceStore {
  readonly processId = `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
  private readonly heartbeat: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly heartbeatTtlMs = 15_000,
  ) {
    super();
    const beat = () => void this.redis.set(alive(this.processId), '1', 'PX', this.heartbeatTtlMs).catch(() => undefined);
    beat();
    this.heartbeat = setInterval(beat, this.heartbeatTtlMs / 3);
    this.heartbeat.unref();
  }

  async add(socketId: string, user: PresenceUser): Promise<void> {
    await this.redis
      .multi()
      .set(alive(this.processId), '1', 'PX', this.heartbeatTtlMs)
      .sadd(sockets(user.id), this.member(socketId))
      .sadd(USERS, user.id)
      .hset(NICKNAMES, user.id, user.nickname)
      .exec();
  }

  async remove(socketId: string, userId: string): Promise<boolean> {
    return (await this.redis.eval(REMOVE, 3, sockets(userId), USERS, NICKNAMES, this.member(socketId), userId)) === 1;
  }

  async list(): Promise<PresenceUser[]> {
    const ids = await this.redis.smembers(USERS);
    const online = await this.isOnline(ids);
    if (online.size === 0) return [];
    const onlineIds = [...online];
    const nicknames = await this.redis.hmget(NICKNAMES, ...onlineIds);
    return onlineIds.map((id, i) => ({ id, nickname: nicknames[i] ?? '' })).sort(byNickname);
  }

  async isOnline(userIds: string[]): Promise<Set<string>> {
    if (userIds.length === 0) return new Set();
    const pipeline = this.redis.pipeline();
    for (const id of userIds) pipeline.smembers(sockets(id));
    const members = (await pipeline.exec())?.map(([, value]) => (value as string[]) ?? []) ?? [];
    const processes = [...new Set(members.flat().map((member) => member.split('|')[0]))];
    const beats = processes.length ? await this.redis.mget(...processes.map(alive)) : [];
    const living = new Set(processes.filter((_, i) => beats[i] !== null));

    const online = new Set<string>();
    const stale: [string, string][] = [];
    userIds.forEach((id, i) => {
      for (const member of members[i]) {
        if (living.has(member.split('|')[0])) online.add(id);
        else stale.push([id, member]);
      }
    });
    // Sockets of dead processes: clear them out so the sets don't grow.
    await Promise.all(stale.map(([id, member]) => this.redis.eval(REMOVE, 3, sockets(id), USERS, NICKNAMES, member, id)));
    return online;
  }

  /** Shutdown: this process's sockets no longer count anywhere. */
  override async close(): Promise<void> {
    clearInterval(this.heartbeat);
    await this.redis.del(alive(this.processId)).catch(() => undefined);
  }

  private member(socketId: string): string {
    return `${this.processId}|${socketId}`;
  }
}
