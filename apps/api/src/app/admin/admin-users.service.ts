import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../platform/database/database.service';
import { rowDate } from '../platform/database/sql-dates';
import { SqlParams } from '../platform/database/sql-dialect';
import { PresenceStore } from '../lobby/presence.store';
import type { UsersQueryDto } from './dto/queries.dto';
import type { AdminUserDto, UsersPageDto } from './dto/users.response';

const ORDER: Record<string, string> = {
  firstSeenAt: 'u.created_at',
  lastSeenAt: 'u.last_seen_at',
  nickname: 'u.nickname',
  messageCount: 'u.message_count',
};

/** The users table of the dashboard: one page, filtered and sorted in SQL, with each user's running counts. */
@Injectable()
export class AdminUsersService {
  constructor(
    private readonly db: DatabaseService,
    private readonly presence: PresenceStore,
  ) {}

  async list(query: UsersQueryDto): Promise<UsersPageDto> {
    const filterParams = new SqlParams(this.db.dialect);
    const where = query.variant ? `WHERE u.variant = ${filterParams.add(query.variant)}` : '';
    const [{ n }] = await this.db.query<{ n: number | string }>(`SELECT COUNT(*) AS n FROM users u ${where}`, filterParams.values);

    const p = new SqlParams(this.db.dialect);
    const pageWhere = query.variant ? `WHERE u.variant = ${p.add(query.variant)}` : '';
    const descending = query.sort.startsWith('-');
    const column = ORDER[query.sort.replace(/^-/, '')];
    const rows = await this.db.query<{
      id: string;
      nickname: string;
      variant: AdminUserDto['variant'];
      created_at: Date | string;
      last_seen_at: Date | string;
      message_count: number | string;
      visit_count: number | string;
    }>(
      `SELECT u.id, u.nickname, u.variant, u.created_at, u.last_seen_at, u.message_count, u.visit_count
         FROM users u ${pageWhere}
        ORDER BY ${column} ${descending ? 'DESC' : 'ASC'}, u.id ASC
        LIMIT ${p.add(query.limit)} OFFSET ${p.add(query.offset)}`,
      p.values,
    );
    const online = await this.presence.isOnline(rows.map((row) => row.id));
    return {
      total: Number(n),
      limit: query.limit,
      offset: query.offset,
      items: rows.map((row) => ({
        id: row.id,
        nickname: row.nickname,
        variant: row.variant,
        firstSeenAt: rowDate(row.created_at).toISOString(),
        lastSeenAt: rowDate(row.last_seen_at).toISOString(),
        messageCount: Number(row.message_count),
        visitCount: Number(row.visit_count),
        online: online.has(row.id),
      })),
    };
  }
}
