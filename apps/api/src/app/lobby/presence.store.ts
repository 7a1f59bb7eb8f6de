import type { PresenceUser } from '@moodlobby/shared';

/**
 * Who is online: every user with at least one started socket, one entry per user however
 * many tabs. An abstract class so it can be the DI token; the in-memory store serves one
 * process, a shared store (Redis) several.
 */
export abstract class PresenceStore {
  /** Records that `socketId` belongs to `user` (its nickname becomes the user's current one). */
  abstract add(socketId: string, user: PresenceUser): Promise<void>;
  /** Forgets a socket; true when that was the user's last one (the user went offline). */
  abstract remove(socketId: string, userId: string): Promise<boolean>;
  /** Online users, ordered by nickname then id. */
  abstract list(): Promise<PresenceUser[]>;
  abstract isOnline(userIds: string[]): Promise<Set<string>>;
  /** Shutdown: this process's sockets stop counting. */
  async close(): Promise<void> {
    // Nothing outlives the process in memory.
  }
}

export function byNickname(a: PresenceUser, b: PresenceUser): number {
  return a.nickname.localeCompare(b.nickname) || a.id.localeCompare(b.id);
}

export class InMemoryPresenceStore extends PresenceStore {
  private readonly users = new Map<string, { nickname: string; sockets: Set<string> }>();

  async add(socketId: string, user: PresenceUser): Promise<void> {
    const entry = this.users.get(user.id) ?? { nickname: user.nickname, sockets: new Set<string>() };
    entry.nickname = user.nickname;
    entry.sockets.add(socketId);
    this.users.set(user.id, entry);
  }

  async remove(socketId: string, userId: string): Promise<boolean> {
    const entry = this.users.get(userId);
    if (!entry?.sockets.delete(socketId)) return false;
    if (entry.sockets.size > 0) return false;
    this.users.delete(userId);
    return true;
  }

  async list(): Promise<PresenceUser[]> {
    return [...this.users].map(([id, { nickname }]) => ({ id, nickname })).sort(byNickname);
  }

  async isOnline(userIds: string[]): Promise<Set<string>> {
    return new Set(userIds.filter((id) => this.users.has(id)));
  }
}
