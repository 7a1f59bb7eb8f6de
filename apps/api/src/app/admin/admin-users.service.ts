import { Injectable } from '@nestjs/common';
import { PresenceStore } from '../lobby/presence.store';
import { UsersPageQuery, UsersService } from '../lobby/users.service';
import type { UsersQueryDto } from './dto/queries.dto';
import type { UsersPageDto } from './dto/users.response';

const SORT_COLUMNS: Record<string, UsersPageQuery['sortBy']> = {
  firstSeenAt: 'createdAt',
  lastSeenAt: 'lastSeenAt',
  nickname: 'nickname',
  messageCount: 'messageCount',
};

/** The users table of the dashboard: one page from lobby's users, with who is online now. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly users: UsersService,
    private readonly presence: PresenceStore,
  ) {}

  async list(query: UsersQueryDto): Promise<UsersPageDto> {
    const { total, items } = await this.users.page({
      variant: query.variant,
      sortBy: SORT_COLUMNS[query.sort.replace(/^-/, '')],
      descending: query.sort.startsWith('-'),
      limit: query.limit,
      offset: query.offset,
    });
    const online = await this.presence.isOnline(items.map((user) => user.id));
    return {
      total,
      limit: query.limit,
      offset: query.offset,
      items: items.map((user) => ({
        id: user.id,
        nickname: user.nickname,
        variant: user.variant,
        firstSeenAt: user.createdAt.toISOString(),
        lastSeenAt: user.lastSeenAt.toISOString(),
        messageCount: Number(user.messageCount ?? 0),
        visitCount: Number(user.visitCount ?? 0),
        online: online.has(user.id),
      })),
    };
  }
}
