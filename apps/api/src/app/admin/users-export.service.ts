import { Injectable } from '@nestjs/common';
import { addDays, startOfDay, USERS_CSV_COLUMNS } from '@moodlobby/shared';
import { UsersService } from '../lobby/users.service';
import { StatsReader } from '../stats/stats.reader';

/** Users read per page: memory stays flat however many there are. */
export const EXPORT_PAGE_SIZE = 1000;

/**
 * GET /admin/export/users.csv (SPEC 10.1): one row per user first seen by the end of asOf, by
 * first-seen time then id, with what they had done by then. Produced page by page as the
 * response drains, so 100k users cost no more memory than a thousand.
 */
@Injectable()
export class UsersExportService {
  constructor(
    private readonly users: UsersService,
    private readonly stats: StatsReader,
  ) {}

  async *lines(asOf: string): AsyncGenerator<string> {
    yield csvLine(USERS_CSV_COLUMNS);
    const cutoff = startOfDay(addDays(asOf, 1));
    const [d1Before, d7Before] = [addDays(asOf, -1), addDays(asOf, -7)];
    let after: { createdAt: Date; id: string } | null = null;
    for (;;) {
      const page = await this.users.firstSeenPage(cutoff, after, EXPORT_PAGE_SIZE);
      if (page.length === 0) return;
      const activity = await this.stats.activityOf(
        page.map(({ user }) => user.id),
        asOf,
      );
      let chunk = '';
      for (const { user, visits } of page) {
        const done = activity.get(user.id);
        // cohortDay is the first active day; one after asOf is not in this readout.
        const cohortDay = user.cohortDay && user.cohortDay <= asOf ? user.cohortDay : null;
        const retained = (flag: number | undefined, before: string) => (cohortDay === null || cohortDay >= before ? '' : flag ? 'true' : 'false');
        chunk += csvLine([
          user.id,
          user.nickname,
          user.variant,
          cohortDay ?? '',
          user.createdAt.toISOString(),
          user.lastSeenAt.toISOString(),
          done?.messages ?? 0,
          visits,
          done?.activeDays ?? 0,
          retained(user.d1, d1Before),
          retained(user.d7, d7Before),
        ]);
      }
      yield chunk;
      const last = page[page.length - 1].user;
      after = { createdAt: last.createdAt, id: last.id };
    }
  }
}

/** One RFC 4180 record: fields with a comma, a quote or a line break are quoted, quotes doubled; CRLF at the end. */
export function csvLine(fields: readonly (string | number)[]): string {
  return `${fields.map((field) => (typeof field === 'string' && /[",\r\n]/.test(field) ? `"${field.replace(/"/g, '""')}"` : String(field))).join(',')}\r\n`;
}
