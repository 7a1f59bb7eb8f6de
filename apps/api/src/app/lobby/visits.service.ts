import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { recordActivity } from '../activity/record-activity';
import { DatabaseService } from '../database/database.service';
import { Visit } from './visit.entity';

@Injectable()
export class VisitsService {
  constructor(private readonly db: DatabaseService) {}

  async start(userId: string, now: Date): Promise<string> {
    const visit: Visit = { id: randomUUID(), userId, startedAt: now, endedAt: null };
    await this.db.transaction(async (manager) => {
      await manager.insert(Visit, visit);
      await recordActivity(manager, userId, now);
    });
    return visit.id;
  }

  async end(visitId: string, now: Date): Promise<void> {
    await this.db.transaction((manager) => manager.update(Visit, { id: visitId, endedAt: IsNull() }, { endedAt: now }));
  }
}
