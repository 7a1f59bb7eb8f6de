import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DatabaseService } from '../database/database.service';
import { ExperimentService } from '../experiment/experiment.service';
import { userCreated } from '../stats/stats.writer';
import { User } from './user.entity';

@Injectable()
export class UsersService {
  constructor(
    private readonly db: DatabaseService,
    private readonly experiment: ExperimentService,
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
      await userCreated(manager, user.variant, now);
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
}
