import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';

/**
 * The first schema: users, visits, messages, inference jobs. Written with TypeORM's schema
 * builder so the same migration runs on SQLite and PostgreSQL; only the timestamp type differs.
 */
export class InitialSchema1764100000000 implements MigrationInterface {
  name = 'InitialSchema1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.options.type === 'postgres' ? 'timestamptz' : 'datetime';
    const id = { type: 'varchar', length: '36', isPrimary: true } as const;
    const uuidRef = (name: string) => ({ name, type: 'varchar', length: '36' });

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          { name: 'id', ...id },
          { name: 'nickname', type: 'varchar', length: '64' },
          { name: 'variant', type: 'varchar', length: '16' },
          { name: 'created_at', type: timestamp },
          { name: 'last_seen_at', type: timestamp },
        ],
        indices: [
          new TableIndex({ name: 'idx_users_variant', columnNames: ['variant'] }),
          new TableIndex({ name: 'idx_users_created_at', columnNames: ['created_at'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'visits',
        columns: [
          { name: 'id', ...id },
          uuidRef('user_id'),
          { name: 'started_at', type: timestamp },
          { name: 'ended_at', type: timestamp, isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'idx_visits_user_started', columnNames: ['user_id', 'started_at'] }),
          new TableIndex({ name: 'idx_visits_started_at', columnNames: ['started_at'] }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'messages',
        columns: [
          { name: 'id', ...id },
          uuidRef('user_id'),
          { name: 'nickname', type: 'varchar', length: '64' },
          { name: 'text', type: 'text' },
          { name: 'mood', type: 'varchar', length: '16', default: "'neutral'" },
          { name: 'mood_status', type: 'varchar', length: '16', default: "'pending'" },
          { name: 'confidence', type: 'real', isNullable: true },
          { name: 'client_message_id', type: 'varchar', length: '64', isNullable: true },
          { name: 'created_at', type: timestamp },
        ],
        indices: [
          new TableIndex({ name: 'idx_messages_created_at', columnNames: ['created_at', 'id'] }),
          new TableIndex({ name: 'idx_messages_user_created', columnNames: ['user_id', 'created_at'] }),
          new TableIndex({ name: 'idx_messages_mood', columnNames: ['mood'] }),
          new TableIndex({
            name: 'uq_messages_user_client_id',
            columnNames: ['user_id', 'client_message_id'],
            isUnique: true,
          }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'inference_jobs',
        columns: [
          { name: 'id', ...id },
          uuidRef('message_id'),
          { name: 'status', type: 'varchar', length: '16', default: "'PENDING'" },
          { name: 'attempts', type: 'integer', default: 0 },
          { name: 'last_error', type: 'text', isNullable: true },
          { name: 'run_at', type: timestamp },
          { name: 'locked_at', type: timestamp, isNullable: true },
          { name: 'locked_by', type: 'varchar', length: '64', isNullable: true },
          { name: 'created_at', type: timestamp },
          { name: 'finished_at', type: timestamp, isNullable: true },
          { name: 'latency_ms', type: 'integer', isNullable: true },
        ],
        indices: [
          new TableIndex({ name: 'uq_jobs_message', columnNames: ['message_id'], isUnique: true }),
          new TableIndex({ name: 'idx_jobs_claim', columnNames: ['status', 'run_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['inference_jobs', 'messages', 'visits', 'users']) {
      await queryRunner.dropTable(table);
    }
  }
}
