import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Drops `idx_messages_mood`. Nothing has read messages by mood since the readout moved to the
 * running totals (`daily_mood_counts`); the index was still written by every send and changed by
 * every inferred mood. Measured on SQLite with 200,000 messages stored (docs/FINDINGS.md): a
 * send's INSERT 9 µs cheaper, a mood's UPDATE 5 µs.
 *
 * Frozen, like every migration: it imports nothing from the application.
 */
export class DropMessagesMoodIndex1764500000000 implements MigrationInterface {
  name = 'DropMessagesMoodIndex1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('messages', 'idx_messages_mood');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex('messages', new TableIndex({ name: 'idx_messages_mood', columnNames: ['mood'] }));
  }
}
