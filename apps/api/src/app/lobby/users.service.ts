import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Variant } from '@moodlobby/shared';
import { ExperimentService } from '../experiment/experiment.service';
import { DatabaseService } from '../platform/database/database.service';
import { StatsWriter } from '../stats/stats.writer';
import { User } from './user.entity';
import { Visit } from './visit.entity';

/** One page of users: filtered by arm, sorted by one column (then by id), with the total that match. */
export interface UsersPageQuery {
  variant?: Variant;
  sortBy: 'createdAt' | 'lastSeenAt' | 'nickname' | 'messageCount';
  descending: boolean;
  limit: number;
  offset: number;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly db: DatabaseService,
    private readonly experiment: ExperimentService,
    private readonly stats: StatsWriter,
  ) {}

  /**
   * The user behind a session start: the one the verified token names (its nickname updated),
   * or a new user with a fresh id and an arm assigned for good. A verified id that is no longer
   * stored (the database was reset) is recreated; the hash gives it the same arm as before.
   */
  async enter(verifiedId: string | null, nickname: string, now: Date): Promise<User> {
    return this.db.transaction(async (manager) => {
      const existing = verifiedId ? await manager.findOneBy(User, { id: verifiedId }) : null;
      if (existing) {
        await manager.update(User, { id: existing.id }, { nickname, lastSeenAt: now });
        return { ...existing, nickname, lastSeenAt: now };
      }
      const id = verifiedId ?? randomUUID();
      const user: User = { id, nickname, variant: this.experiment.assign(id), createdAt: now, lastSeenAt: now };
      await manager.insert(User, user);
      await this.stats.userCreated(manager, user.variant, now);
      return user;
    });
  }

  /** The user's nickname from now on (their messages keep the nickname they were sent under). */
  async rename(userId: string, nickname: string, now: Date): Promise<void> {
    await this.db.transaction((manager) => manager.update(User, { id: userId }, { nickname, lastSeenAt: now }));
  }

  async touch(userId: string, now: Date): Promise<void> {
    await this.db.transaction((manager) => manager.update(User, { id: userId }, { lastSeenAt: now }));
  }

  /** A page of users with their running message and visit counts, filtered and sorted in SQL. */
  async page(query: UsersPageQuery): Promise<{ total: number; items: User[] }> {
    const matching = () => {
      const builder = this.users.createQueryBuilder('user');
      return query.variant ? builder.where('user.variant = :variant', { variant: query.variant }) : builder;
    };
    const [counted, items] = await Promise.all([
      matching().select('COUNT(*)', 'total').getRawOne<{ total: number | string }>(),
      matching()
        .orderBy(`user.${query.sortBy}`, query.descending ? 'DESC' : 'ASC')
        .addOrderBy('user.id', 'ASC')
        .limit(query.limit)
        .offset(query.offset)
        .getMany(),
    ]);
    return { total: Number(counted?.total ?? 0), items };
  }

  /**
   * Up to `limit` users first seen before `cutoff`, by first-seen time then id, after the keyset
   * `after` (the last user of the previous page); each with the visits they started before
   * `cutoff`. Two indexed queries a page, so a caller can walk every user in constant memory.
   */
  async firstSeenPage(cutoff: Date, after: Pick<User, 'createdAt' | 'id'> | null, limit: number): Promise<{ user: User; visits: number }[]> {
    const query = this.users
      .createQueryBuilder('user')
      .where('user.createdAt < :cutoff', { cutoff })
      .orderBy('user.createdAt', 'ASC')
      .addOrderBy('user.id', 'ASC')
      .limit(limit);
    if (after) query.andWhere('(user.createdAt > :at OR (user.createdAt = :at AND user.id > :id))', { at: after.createdAt, id: after.id });
    const users = await query.getMany();
    if (users.length === 0) return [];
    const counts = await this.users.manager
      .createQueryBuilder(Visit, 'visit')
      .select('visit.userId', 'user_id')
      .addSelect('COUNT(*)', 'n')
      .where({ userId: In(users.map((user) => user.id)) })
      .andWhere('visit.startedAt < :cutoff', { cutoff })
      .groupBy('visit.userId')
      .getRawMany<{ user_id: string; n: number | string }>();
    const visits = new Map(counts.map((row) => [row.user_id, Number(row.n)]));
    return users.map((user) => ({ user, visits: visits.get(user.id) ?? 0 }));
  }
}
