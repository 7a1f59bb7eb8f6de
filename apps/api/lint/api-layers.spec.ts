import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const WORKSPACE = resolve(__dirname, '../../..');

/**
 * Lints each fixture (code at a path inside the repo, never written to disk) with ESLint's Node
 * API and the workspace's real eslint.config.mjs, and returns the API layering rule's messages.
 * ESLint loads its config as an ES module, which Jest's CommonJS runtime cannot, so it runs in
 * a child Node process.
 */
function layerErrors(fixtures: { file: string; code: string }[]): string[][] {
  const script = `
    import { ESLint } from 'eslint';
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    const eslint = new ESLint({ cwd: process.cwd() });
    const out = [];
    for (const { file, code } of JSON.parse(input)) {
      const [result] = await eslint.lintText(code, { filePath: file });
      out.push(result.messages.filter((m) => m.ruleId === 'api-layers/layers' || m.fatal).map((m) => m.message));
    }
    process.stdout.write(JSON.stringify(out));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: WORKSPACE, input: JSON.stringify(fixtures), encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`eslint failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as string[][];
}

const app = 'apps/api/src/app';

describe('the API layering lint rule (eslint.config.mjs, apps/api/lint/api-layers.mjs)', () => {
  it('fails on each kind of deliberate violation', () => {
    const errors = layerErrors([
      { file: `${app}/platform/database/fixture.ts`, code: `import { LobbyService } from '../../lobby/lobby.service';\nexport { LobbyService };` },
      { file: `${app}/platform/health/fixture.ts`, code: `export { entities } from '../../entities';` },
      { file: `${app}/chat/fixture.ts`, code: `import { InferenceJob } from '../inference/inference-job.entity';\nexport const job: InferenceJob | null = null;` },
      { file: `${app}/stats/deep/fixture.ts`, code: `import type { User } from '../../lobby/user.entity';\nexport type U = User;` },
      { file: `${app}/admin/fixture.ts`, code: `import { toMessage } from '../chat/message.mapper';\nexport { toMessage };` },
      { file: 'apps/api/src/migrations/fixture.ts', code: `import { utcDay } from '@moodlobby/shared';\nexport { utcDay };` },
      { file: 'apps/api/src/migrations/fixture.ts', code: `import { rebuildStats } from '../app/stats/stats.queries';\nexport { rebuildStats };` },
    ]);
    expect(errors).toEqual([
      ['the platform must not import a domain (app/lobby/lobby.service)'],
      ['the platform must not import the composition root (app/entities)'],
      ["a domain must not import another domain's entity (app/inference/inference-job.entity); use that domain's exported service"],
      ["a domain must not import another domain's entity (app/lobby/user.entity); use that domain's exported service"],
      ['admin reads other domains only through their exported services or modules (app/chat/message.mapper)'],
      ['migrations are frozen: import nothing from the application or other packages (@moodlobby/shared)'],
      ['migrations are frozen: import nothing from the application or other packages (../app/stats/stats.queries)'],
    ]);
  }, 60_000);

  it('passes the imports the layering allows', () => {
    const errors = layerErrors([
      { file: `${app}/chat/fixture.ts`, code: `import { InferenceJobsService } from '../inference/inference-jobs.service';\nimport { runSql } from '../platform/database/sql';\nexport { InferenceJobsService, runSql };` },
      { file: `${app}/chat/fixture.ts`, code: `import { MessageEntity } from './message.entity';\nexport { MessageEntity };` },
      { file: `${app}/admin/fixture.ts`, code: `import { StatsReader } from '../stats/stats.reader';\nimport { PresenceStore } from '../lobby/presence.store';\nimport { LobbyModule } from '../lobby/lobby.module';\nexport { StatsReader, PresenceStore, LobbyModule };` },
      { file: `${app}/platform/realtime/fixture.ts`, code: `import { RedisService } from '../redis/redis.service';\nexport { RedisService };` },
      { file: `${app}/fixture.ts`, code: `import { User } from './lobby/user.entity';\nexport { User };` },
      { file: 'apps/api/src/migrations/fixture.ts', code: `import { MigrationInterface } from 'typeorm';\nimport { migrations } from './index';\nexport type M = MigrationInterface;\nexport { migrations };` },
      { file: 'apps/api-e2e/src/fixture.ts', code: `import { InferenceJob } from '../../api/src/app/inference/inference-job.entity';\nexport { InferenceJob };` },
    ]);
    expect(errors).toEqual([[], [], [], [], [], [], []]);
  }, 60_000);
});
