import type { EntityManager } from 'typeorm';
import type { Mood } from '@moodlobby/shared';
import { runSql } from '../platform/database/sql';

/**
 * The chat module's hand-written SQL. Storing a mood is one statement per inferred message, on
 * the inference worker's hot path: its values are bound, so its text (and prepared statement)
 * stays the same whatever the confidence.
 */
export async function setMood(manager: EntityManager, messageId: string, mood: Mood, confidence: number): Promise<void> {
  await runSql(manager, `UPDATE messages SET mood = :mood, confidence = :confidence, mood_status = 'done' WHERE id = :messageId`, {
    mood,
    confidence,
    messageId,
  });
}
