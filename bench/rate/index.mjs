/**
 * Message rate: few clients, a high message rate. 100 Socket.IO clients, 50 of them sending so
 * that the lobby gets 50, 100 and 200 messages/s, each rate against the real API (stub sidecar)
 * and against the bare Socket.IO server of the lobby benchmark, in the same run. It reuses
 * the lobby benchmark's generator, baseline server and measurement (lobby/index.mjs); only the
 * rates, the sizes and the per-message figures are its own.
 */
import { startSidecar } from '../lib/services.mjs';
import { measureSideBySide } from '../lobby/index.mjs';
import { figures, JUDGED_RATE, p99Ratio, summarize } from './summary.mjs';

export async function runRate({ full, options, log }) {
  const rates = options.rates ?? (full ? [50, 100, 200, 400] : [50, 100, 200]);
  const base = {
    bench: 'rate',
    clients: options.clients ?? 100,
    senders: options.senders ?? 50,
    jitterMs: 10,
    durationMs: (options.lobbySeconds ?? (full ? 30 : 10)) * 1000,
    // Both servers get 10 s of the same stream before the window opens, so each is measured
    // warm: the API's JIT was still compiling 30 s into its first traffic (TurboFan on V8's
    // helper threads, 268 ms of CPU per 5 s at first, 47 ms by 30 s), a start-up cost that
    // was being counted per message.
    warmUpMs: 10_000,
    drainMs: 10_000,
    connectBatch: 25,
    baselineMoodDelayMs: 5,
    // Each sender sends several messages a second: the rate limit is not what is measured here.
    apiEnv: { RATE_LIMIT_MAX: '100000' },
    pin: options.pin,
    baselineStore: options.baselineStore,
  };
  // The judged rate runs several rounds with --full (fresh processes each): one window's p99 rests
  // on a few dozen slow messages and moves by about ±0.4× from run to run.
  const judgedRounds = options.lobbyRounds ?? (full ? 3 : 1);
  const budgetS = (rates.length + judgedRounds - 1) * 2 * (60 + base.durationMs / 1000 + 60);
  log(`rate: ${base.clients} clients, ${base.senders} senders, ${rates.join(' / ')} msg/s for ${base.durationMs / 1000} s each (${JUDGED_RATE}/s ${judgedRounds}×); moodlobby and baseline take turns going first`);
  const sidecar = await startSidecar({ maxSeconds: budgetS });
  const runs = [];
  let pairs = 0;
  try {
    for (const rate of rates) {
      const params = { ...base, intervalMs: (base.senders * 1000) / rate };
      const rounds = [];
      for (let round = 1; round <= (rate === JUDGED_RATE ? judgedRounds : 1); round++) {
        const tag = rate === JUDGED_RATE && judgedRounds > 1 ? ` #${round}` : '';
        const { ours, baseline } = await measureSideBySide(pairs++, `@${rate}/s${tag}`, { sidecar, params, options, budgetS, log });
        rounds.push({
          ours: figures(ours, 'server', 'sidecar'),
          baseline: figures(baseline, 'server'),
          profile: ours.profile ?? null,
          alloc: ours.alloc || baseline.alloc ? { ours: ours.alloc ?? null, baseline: baseline.alloc ?? null } : null,
          sql: ours.sql ? ours : null,
          delivery: ours.delivery && baseline.delivery ? { ours: ours.delivery, baseline: baseline.delivery } : null,
        });
      }
      // The round with the median delivery p99 ratio stands for the rate in the descriptive rows.
      const byP99 = [...rounds].sort((a, b) => p99Ratio(a) - p99Ratio(b));
      runs.push({ rate, rounds, ...byP99[Math.floor((byP99.length - 1) / 2)] });
    }
  } finally {
    await sidecar.stop('SIGTERM');
  }
  return summarize(runs, base);
}
