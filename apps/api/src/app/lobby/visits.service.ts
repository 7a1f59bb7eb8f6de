import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { DatabaseService } from '../platform/database/database.service';
import { StatsWriter } from '../stats/stats.writer';
import type { Variant } from '@moodlobby/shared';
import { Visit } from './visit.entity';

@Injectable()
export class VisitsService {
  constructor(
    private readonly db: DatabaseService,
    private readonly stats: StatsWriter,
  ) {}

  async start(userId: string, variant: Variant, now: Date): Promise<string> {
    const visit: Visit = { id: randomUUID(), userId, startedAt: now, endedAt: null };
    await this.db.transaction(async (manager) => {
      await manager.insert(Visit, visit);
      await this.stats.visitStarted(manager, userId, variant, now);
    });
    return visit.id;
  }

  /** Ends the visit if it is still open (a second end changes nothing). */
  async end(visit: { id: string; startedAt: Date; variant: Variant }, now: Date): Promise<void> {
    await this.db.transaction(async (manager) => {
      const result = await manager.update(Visit, { id: visit.id, endedAt: IsNull() }, { endedAt: now });
      if (result.affected) await this.stats.visitEnded(manager, visit.variant, visit.startedAt, now);
    });
  }
}
