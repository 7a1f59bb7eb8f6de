import { DAY_MS, MOODS, Variant } from '@moodlobby/shared';
import type { MessageEntity } from '../app/chat/message.entity';
import type { InferenceJob, JobStatus } from '../app/inference/inference-job.entity';
import type { User } from '../app/lobby/user.entity';
import type { Visit } from '../app/lobby/visit.entity';

/**
 * The deterministic demo and test dataset described in SEED.md. Pure: the same start day gives
 * the same rows, byte for byte. Every rule here is written down there with the aggregates it
 * produces.
 */

const MINUTE = 60_000;

/** The seed's rows are the entities' rows: users (their running totals are rebuilt), visits, messages, jobs. */
export type SeedUser = Pick<User, 'id' | 'nickname' | 'variant' | 'createdAt' | 'lastSeenAt'>;
export type SeedVisit = Visit;
export type SeedMessage = MessageEntity;
export type SeedJob = InferenceJob;
export interface SeedData {
  users: SeedUser[];
  visits: SeedVisit[];
  messages: SeedMessage[];
  jobs: SeedJob[];
}

interface Plan {
  variant: Variant;
  /** 1-based index within the arm. */
  n: number;
  /** Day offsets (from the cohort day) with a visit. */
  visitDays: number[];
  /** Messages sent in each visit. */
  perVisit: number;
  /** Day offsets with a message but no visit. */
  messageOnlyDays: number[];
  /** An extra visit on day 0 that never ended. */
  openVisit: boolean;
}

export const CONTROL_USERS = 24;
export const TREATMENT_USERS = 16;

function plans(): Plan[] {
  const control = Array.from({ length: CONTROL_USERS }, (_, i): Plan => {
    const n = i + 1;
    const days = [0];
    if (n <= 9) days.push(1);
    if (n >= 4 && n <= 9) days.push(7);
    if (n <= 3) days.push(14, 21);
    return {
      variant: Variant.Control,
      n,
      visitDays: days,
      perVisit: n <= 12 ? 2 : 0,
      messageOnlyDays: n === 24 ? [1] : [],
      openVisit: false,
    };
  });
  const treatment = Array.from({ length: TREATMENT_USERS }, (_, i): Plan => {
    const n = i + 1;
    const days = [0];
    if (n <= 10) days.push(1);
    if (n <= 5 || n === 11) days.push(7);
    if (n <= 2) days.push(14, 21);
    return { variant: Variant.Treatment, n, visitDays: days, perVisit: n <= 8 ? 3 : 1, messageOnlyDays: [], openVisit: n === 16 };
  });
  return [...control, ...treatment];
}

/** A readable, valid UUID per (kind, arm, number): `c0000001-…` is CONTROL user 1. */
function seedId(kind: number, variant: Variant, n: number, sub = 0): string {
  const arm = variant === Variant.Control ? 'c' : 'd';
  const hex = (value: number, width: number) => value.toString(16).padStart(width, '0');
  return `${arm}${hex(n, 7)}-${hex(kind, 4)}-4${hex(sub >> 12, 3)}-8${hex(sub & 0xfff, 3)}-${hex(n, 12)}`;
}

export function seedData(start: Date): SeedData {
  const first = Date.UTC(start.getUTCFullYear(), start.getUTCMonth(), start.getUTCDate());
  const users: SeedUser[] = [];
  const visits: SeedVisit[] = [];
  const drafts: Omit<SeedMessage, 'mood' | 'moodStatus' | 'confidence'>[] = [];

  for (const plan of plans()) {
    const userId = seedId(1, plan.variant, plan.n);
    const nickname = `${plan.variant === Variant.Control ? 'Cal' : 'Tess'} ${plan.n}`;
    const cohort = first + ((plan.n - 1) % 8) * DAY_MS;
    const minuteOfArm = plan.n + (plan.variant === Variant.Treatment ? 30 : 0);
    const visitLength = (plan.variant === Variant.Control ? 10 : 15) * MINUTE;
    let lastSeen = cohort;
    plan.visitDays.forEach((offset, v) => {
      const startedAt = cohort + offset * DAY_MS + 9 * 60 * MINUTE + minuteOfArm * MINUTE;
      visits.push({ id: seedId(2, plan.variant, plan.n, v), userId, startedAt: new Date(startedAt), endedAt: new Date(startedAt + visitLength) });
      lastSeen = Math.max(lastSeen, startedAt + visitLength);
      for (let k = 0; k < plan.perVisit; k++) {
        drafts.push({ id: '', userId, nickname, text: `visit ${v + 1}, message ${k + 1}`, clientMessageId: null, createdAt: new Date(startedAt + (k + 1) * MINUTE) });
      }
    });
    for (const offset of plan.messageOnlyDays) {
      const at = cohort + offset * DAY_MS + 20 * 60 * MINUTE;
      drafts.push({ id: '', userId, nickname, text: 'a message without a visit', clientMessageId: null, createdAt: new Date(at) });
      lastSeen = Math.max(lastSeen, at);
    }
    if (plan.openVisit) {
      visits.push({ id: seedId(3, plan.variant, plan.n), userId, startedAt: new Date(cohort + 18 * 60 * MINUTE), endedAt: null });
    }
    const createdAt = new Date(cohort + 9 * 60 * MINUTE + minuteOfArm * MINUTE);
    users.push({ id: userId, nickname, variant: plan.variant, createdAt, lastSeenAt: new Date(lastSeen) });
  }

  // Message i (in creation order) decides its job: i % 10 = 9 FAILED, = 8 PENDING, i % 50 = 0
  // PROCESSING (left by a dead worker), else DONE with mood MOODS[i % 7] and latency 100·(1 + i % 5) ms.
  drafts.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.userId.localeCompare(b.userId));
  const messages: SeedMessage[] = [];
  const jobs: SeedJob[] = [];
  drafts.forEach((draft, i) => {
    const id = `e${i.toString(16).padStart(7, '0')}-0004-4000-8000-${i.toString(16).padStart(12, '0')}`;
    const status = jobStatus(i);
    const done = status === 'DONE';
    const latencyMs = done ? 100 * (1 + (i % 5)) : null;
    const at = draft.createdAt;
    messages.push({
      ...draft,
      id,
      mood: done ? MOODS[i % 7] : 'neutral',
      moodStatus: done ? 'done' : status === 'FAILED' ? 'failed' : 'pending',
      confidence: done ? 0.8 : null,
    });
    jobs.push({
      id: `f${i.toString(16).padStart(7, '0')}-0005-4000-8000-${i.toString(16).padStart(12, '0')}`,
      messageId: id,
      status,
      attempts: status === 'FAILED' ? 3 : status === 'PENDING' ? 1 : 1,
      lastError: status === 'FAILED' ? 'HTTP 503: sidecar unavailable' : status === 'PENDING' ? 'timed out after 3000 ms' : null,
      runAt: at,
      lockedAt: status === 'PROCESSING' ? at : null,
      lockedBy: status === 'PROCESSING' ? 'seed-worker-that-died' : null,
      createdAt: at,
      finishedAt: done ? new Date(at.getTime() + (latencyMs ?? 0)) : status === 'FAILED' ? at : null,
      latencyMs,
    });
  });
  return { users, visits, messages, jobs };
}

function jobStatus(i: number): JobStatus {
  if (i % 10 === 9) return 'FAILED';
  if (i % 10 === 8) return 'PENDING';
  if (i % 50 === 0) return 'PROCESSING';
  return 'DONE';
}
