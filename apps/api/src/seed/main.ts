/**
 * `npm run seed [-- --start YYYY-MM-DD] [--reset]`: writes the deterministic dataset of SEED.md
 * into DATABASE_URL (migrating it first). The dataset starts 30 days before today unless --start
 * says otherwise; a database that already has users is left alone unless --reset is given.
 *
 * `npm run seed -- --rebuild-stats`: writes nothing new; recomputes the running totals behind the
 * admin readout from the rows (after rows were written or repaired by hand).
 */
import { existsSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { validateEnv } from '../app/platform/config/env.validation';
import { addDays, DAY_MS, isCalendarDay, startOfDay, utcDay } from '@moodlobby/shared';
import { entities } from '../app/entities';
import { dataSourceOptions } from '../app/platform/database/data-source-options';
import { seedData } from './seed-data';
import { isEmpty, rebuildAllStats, writeSeed } from './write-seed';

async function main(argv: string[]): Promise<void> {
  if (existsSync('.env')) process.loadEnvFile('.env');
  const config = validateEnv(process.env);
  const reset = argv.includes('--reset');
  const startArg = argv[argv.indexOf('--start') + 1];
  const start = argv.includes('--start') ? parseDay(startArg) : new Date(Date.now() - 30 * DAY_MS);

  const dataSource = new DataSource(dataSourceOptions(config.DATABASE_URL, entities));
  await dataSource.initialize();
  try {
    if (argv.includes('--rebuild-stats')) {
      const started = Date.now();
      await rebuildAllStats(dataSource);
      console.log(`Rebuilt the running totals of ${config.DATABASE_URL} in ${Date.now() - started} ms`);
      return;
    }
    if (!reset && !(await isEmpty(dataSource))) {
      throw new Error('The database already has users; run with --reset to replace everything in it with the seed data.');
    }
    const data = seedData(start);
    await writeSeed(dataSource, data, { reset });
    const asOf = addDays(utcDay(start), 30);
    console.log(
      `Seeded ${config.DATABASE_URL}: ${data.users.length} users, ${data.visits.length} visits, ` +
        `${data.messages.length} messages, ${data.jobs.length} jobs, from ${utcDay(start)}. ` +
        `Expected readout at asOf=${asOf}: apps/api/src/seed/SEED.md`,
    );
  } finally {
    await dataSource.destroy();
  }
}

function parseDay(value: string | undefined): Date {
  if (!isCalendarDay(value)) throw new Error(`--start needs a day as YYYY-MM-DD, got ${JSON.stringify(value)}`);
  return startOfDay(value);
}

main(process.argv.slice(2)).catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
