import type { EntityManager } from 'typeorm';
import type { Mood, MoodStatus } from '@moodlobby/shared';
import { insertRows, readTimestamp, runSql } from '../platform/database/sql';
import type { MessageEntity } from './message.entity';

/**
 * The chat module's hand-written SQL: the statements made for about every message (storing it,
 * the clientMessageId look-up, the worker reading texts and storing moods). They skip the
 * QueryBuilder, which builds a statement's text anew on every call; their values are bound, so
 * each text (and its prepared statement) is the same from call to call.
 */

/** One `setMoods` text per number of messages, built once. */
const moodStatements = new Map<number, string>();

/** Stores inferred moods on their messages, which are then `done`, in one statement. */
export async function setMoods(manager: EntityManager, moods: { messageId: string; mood: Mood; confidence: number }[]): Promise<void> {
  if (moods.length === 0) return;
  let sql = moodStatements.get(moods.length);
  if (!sql) {
    const ids = moods.map((_mood, i) => `:m${i}`);
    const each = (value: (i: number) => string) => `CASE id ${ids.map((id, i) => `WHEN ${id} THEN ${value(i)}`).join(' ')} END`;
    sql = `UPDATE messages SET mood = ${each((i) => `:d${i}`)}, confidence = ${each((i) => `CAST(:c${i} AS REAL)`)}, mood_status = 'done'
            WHERE id IN (${ids.join(', ')})`;
    moodStatements.set(moods.length, sql);
  }
  const params: Record<string, unknown> = {};
  moods.forEach((mood, i) => {
    params[`m${i}`] = mood.messageId;
    params[`d${i}`] = mood.mood;
    params[`c${i}`] = mood.confidence;
  });
  await runSql(manager, sql, params);
}

/** The messages table's columns, in the order the statements below name them. */
const MESSAGE_COLUMNS = ['id', 'user_id', 'nickname', 'text', 'mood', 'mood_status', 'confidence', 'client_message_id', 'created_at'] as const;

/**
 * Stores messages whose every column is given, in one statement, without reading anything back
 * (the send path's group commit: one INSERT for the sends of an event-loop turn).
 */
export function insertMessages(manager: EntityManager, messages: MessageEntity[]): Promise<void> {
  return insertRows(
    manager,
    'messages',
    MESSAGE_COLUMNS,
    messages.map((m) => [m.id, m.userId, m.nickname, m.text, m.mood, m.moodStatus, m.confidence, m.clientMessageId, m.createdAt]),
  );
}

interface MessageRow {
  id: string;
  user_id: string;
  nickname: string;
  text: string;
  mood: Mood;
  mood_status: MoodStatus;
  confidence: number | string | null;
  client_message_id: string | null;
  created_at: unknown;
}

/** The message a user sent with this clientMessageId (the unique index), or null. */
export async function findByClientId(manager: EntityManager, userId: string, clientMessageId: string): Promise<MessageEntity | null> {
  const { rows } = await runSql<MessageRow>(
    manager,
    `SELECT ${MESSAGE_COLUMNS.join(', ')} FROM messages WHERE user_id = :userId AND client_message_id = :clientMessageId`,
    { userId, clientMessageId },
  );
  const [row] = rows;
  if (!row) return null;
  return {
    id: row.id,
    userId: row.user_id,
    nickname: row.nickname,
    text: row.text,
    mood: row.mood,
    moodStatus: row.mood_status,
    confidence: row.confidence === null ? null : Number(row.confidence),
    clientMessageId: row.client_message_id,
    createdAt: readTimestamp(manager, row.created_at),
  };
}

/** One `IN (…)` text per number of ids, built once. */
const textStatements = new Map<number, string>();

/** The texts of these messages (a claimed batch, at most INFERENCE_BATCH_SIZE ids), by id. */
export async function textsOf(manager: EntityManager, messageIds: string[]): Promise<Map<string, string>> {
  if (messageIds.length === 0) return new Map();
  let sql = textStatements.get(messageIds.length);
  if (!sql) {
    sql = `SELECT id, text FROM messages WHERE id IN (${messageIds.map((_id, i) => `:id${i}`).join(', ')})`;
    textStatements.set(messageIds.length, sql);
  }
  const { rows } = await runSql<{ id: string; text: string }>(manager, sql, Object.fromEntries(messageIds.map((id, i) => [`id${i}`, id])));
  return new Map(rows.map((row) => [row.id, row.text]));
}
