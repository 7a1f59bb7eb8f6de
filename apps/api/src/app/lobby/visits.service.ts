import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { IsNull } from 'typeorm';
import { DatabaseService } from '../database/database.service';
import { Visit } from './visit.entity';

@Injectable()
export class VisitsService {
  constructor(private readonly db: DatabaseService) {}

  async start(userId: string, now: Date): Promise<string> {
    const visit: Visit = { id: randomUUID(), userId, startedAt: now, endedAt: null };
    await this.db.transaction((manager) => manager.insert(Visit, visit));
    return visit.id;
  }

  async end(visitId: string, now: Date): Promise<void> {
    await this.db.transaction((manager) => manager.update(Visit, { id: visitId, endedAt: IsNull() }, { endedAt: now }));
  }
}
