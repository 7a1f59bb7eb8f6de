import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { ServerEvent, SessionAckPayload, SessionUser } from '@moodlobby/shared';
import type { AppConfig } from '../platform/config/env.validation';
import { ChatService } from '../chat/chat.service';
import { RateLimitService } from '../chat/rate-limit.service';
import { SessionRequiredException } from '../platform/realtime/ws-exceptions';
import { RealtimeService } from '../platform/realtime/realtime.service';
import type { LobbySocket } from '../platform/realtime/socket-session';
import type { SessionRenameDto } from './dto/session-rename.dto';
import type { SessionStartDto } from './dto/session-start.dto';
import { IdentityService } from './identity.service';
import { PresenceStore } from './presence.store';
import { UsersService } from './users.service';
import { VisitsService } from './visits.service';

/** Presence changes closer together than this are announced once. */
export const PRESENCE_COALESCE_MS = 50;

/** Sessions: who a socket is, their visits, and who is online. */
@Injectable()
export class LobbyService {
  private readonly messageMaxLength: number;
  /** Sessions being closed right now (their writes), so shutdown can wait for them. */
  private readonly leaving = new Set<Promise<void>>();
  private presenceTimer: NodeJS.Timeout | null = null;
  /** This process's started sockets, per user: a rename reaches all of that user's tabs here. */
  private readonly socketsByUser = new Map<string, Set<LobbySocket>>();
  private readonly logger = new Logger(LobbyService.name);
  private readonly vnBackgroundDebounceMs: number;

  constructor(
    private readonly identity: IdentityService,
    private readonly users: UsersService,
    private readonly visits: VisitsService,
    private readonly presence: PresenceStore,
    private readonly chat: ChatService,
    private readonly rateLimit: RateLimitService,
    private readonly realtime: RealtimeService,
    config: ConfigService<AppConfig, true>,
  ) {
    this.messageMaxLength = config.getOrThrow('MAX_MESSAGE_LENGTH');
    this.vnBackgroundDebounceMs = config.getOrThrow('VN_BACKGROUND_DEBOUNCE_MS');
  }

  /**
   * Starts (or restarts) the session of a socket: resolves the user from the token, opens a
   * visit, joins presence, and answers with everything the client needs; then (coalesced with
   * other changes) tells everyone who is online. A second start on the same socket as the same
   * user keeps its visit and only updates the nickname.
   */
  async start(socket: LobbySocket, dto: SessionStartDto): Promise<SessionAckPayload> {
    const now = new Date();
    const user = await this.users.enter(this.identity.verify(dto.token), dto.nickname, now);
    const previous = socket.data.session;
    if (previous && previous.userId !== user.id) await this.end(socket, now);
    const sameVisit = previous?.userId === user.id;
    const visitId = sameVisit ? previous.visitId : await this.visits.start(user.id, user.variant, now);
    const visitStartedAt = sameVisit ? previous.visitStartedAt : now;
    socket.data.session = { userId: user.id, nickname: user.nickname, variant: user.variant, visitId, visitStartedAt };
    this.track(socket, user.id);
    await this.presence.add(socket.id, { id: user.id, nickname: user.nickname });
    // The socket may have gone while we awaited: its disconnect handler saw no session yet.
    if (socket.disconnected) await this.leave(socket, now);

    const [history, online] = await Promise.all([this.chat.history(), this.presence.list()]);
    this.announcePresence();
    return {
      user: { id: user.id, nickname: user.nickname, variant: user.variant },
      token: this.identity.sign(user.id),
      history,
      presence: online,
      limits: { messageMaxLength: this.messageMaxLength, rateLimit: this.rateLimit.limits },
      ui: { vnBackgroundDebounceMs: this.vnBackgroundDebounceMs },
      serverTime: now.toISOString(),
    };
  }

  /**
   * Renames the user of a started session: stored, taken by every started socket of theirs in
   * this process (so their later messages carry it), and announced in presence. The same
   * nickname again changes nothing and costs no rename budget. (A tab of the same user on
   * another API process keeps its nickname until its next `session:start`.)
   */
  async rename(socket: LobbySocket, dto: SessionRenameDto): Promise<SessionUser> {
    const session = socket.data.session;
    if (!session) throw new SessionRequiredException();
    const user = { id: session.userId, nickname: dto.nickname, variant: session.variant };
    if (dto.nickname === session.nickname) return user;
    await this.rateLimit.consumeRename(session.userId);
    const now = new Date();
    await this.users.rename(session.userId, dto.nickname, now);
    for (const tab of this.socketsByUser.get(session.userId) ?? [socket]) {
      if (tab.data.session?.userId === session.userId) tab.data.session.nickname = dto.nickname;
    }
    await this.presence.add(socket.id, { id: session.userId, nickname: dto.nickname });
    this.announcePresence();
    return user;
  }

  /** The socket is gone: ends its visit, and tells everyone when its user went offline. */
  leave(socket: LobbySocket, now = new Date()): Promise<void> {
    const leaving = this.end(socket, now);
    this.leaving.add(leaving);
    return leaving.finally(() => this.leaving.delete(leaving));
  }

  /**
   * Tells everyone who is online, soon: changes within PRESENCE_COALESCE_MS go out as one
   * `presence:update` with the list as it is then. Without this, n people joining at once would
   * cost n broadcasts of an n-long list to n sockets.
   */
  private announcePresence(): void {
    if (this.presenceTimer) return;
    this.presenceTimer = setTimeout(() => {
      this.presenceTimer = null;
      this.presence
        .list()
        .then((users) => this.realtime.toAll(ServerEvent.PresenceUpdate, { users }))
        .catch((error: unknown) => this.logger.error({ err: error }, 'presence update failed'));
    }, PRESENCE_COALESCE_MS);
  }

  /** Shutdown: closes every local socket and waits until their visits are ended. */
  async closeAll(reconnectInMs: number): Promise<void> {
    if (this.presenceTimer) clearTimeout(this.presenceTimer);
    this.presenceTimer = null;
    this.realtime.closeLocal(reconnectInMs);
    // Disconnect handlers start on the next turn; then wait for what they write.
    await new Promise((resolve) => setImmediate(resolve));
    await Promise.allSettled([...this.leaving]);
    await this.presence.close();
  }

  private track(socket: LobbySocket, userId: string): void {
    const tabs = this.socketsByUser.get(userId) ?? new Set<LobbySocket>();
    tabs.add(socket);
    this.socketsByUser.set(userId, tabs);
  }

  private untrack(socket: LobbySocket, userId: string): void {
    const tabs = this.socketsByUser.get(userId);
    if (!tabs?.delete(socket) || tabs.size > 0) return;
    this.socketsByUser.delete(userId);
  }

  private async end(socket: LobbySocket, now: Date): Promise<void> {
    const session = socket.data.session;
    if (!session) return;
    socket.data.session = undefined;
    this.untrack(socket, session.userId);
    await Promise.all([
      this.visits.end({ id: session.visitId, startedAt: session.visitStartedAt, variant: session.variant }, now),
      this.users.touch(session.userId, now),
    ]);
    if (await this.presence.remove(socket.id, session.userId)) {
      this.announcePresence();
    }
  }
}
