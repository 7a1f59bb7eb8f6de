import { MoodUpdatedPayload, ServerEvent } from '@moodlobby/shared';
import { ApiServer, FakeSidecar, LobbyClient, startApi } from '@moodlobby/testing';

const WINDOW_MS = 400;
const BURST = 5;

/**
 * Sends one message, waits for its mood, then sends BURST more back to back; returns how many
 * sidecar calls carried the burst's texts and how long each burst message waited for its mood.
 */
async function burst(windowMs: number): Promise<{ calls: number; moodAfterMs: number[] }> {
  const sidecar = await FakeSidecar.start({ kind: 'ok', mood: 'happy' });
  let server: ApiServer | undefined;
  let client: LobbyClient | undefined;
  try {
    server = await startApi({ env: { SIDECAR_URL: sidecar.url, RATE_LIMIT_MAX: '100', INFERENCE_BATCH_WINDOW_MS: String(windowMs) } });
    client = await LobbyClient.connect(server.url);
    await client.start('Burst');
    const first = await client.send({ text: 'warm-up' });
    if (!first.ok) throw new Error(JSON.stringify(first));
    await client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === first.message.id);

    const sent: { id: string; at: number; text: string }[] = [];
    for (let i = 0; i < BURST; i++) {
      const at = Date.now();
      const ack = await client.send({ text: `burst ${i}` });
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      sent.push({ id: ack.message.id, at, text: `burst ${i}` });
    }
    const moodAfterMs = await Promise.all(
      sent.map(async ({ id, at }) => {
        const update = await client?.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === id);
        expect(update).toMatchObject({ mood: 'happy', status: 'done' });
        return Date.now() - at;
      }),
    );
    const texts = new Set(sent.map((s) => s.text));
    const calls = sidecar.calls.filter((call) => {
      const body = call.body as { text?: string; items?: { text: string }[] };
      const items = call.path === '/infer/batch' ? (body.items ?? []) : call.path === '/infer' ? [body] : [];
      return items.some((item) => texts.has(item.text ?? ''));
    }).length;
    return { calls, moodAfterMs };
  } finally {
    client?.close();
    await server?.dispose();
    await sidecar.close();
  }
}

describe('INFERENCE_BATCH_WINDOW_MS', () => {
  it('with a window, messages close together share one sidecar call; each mood waits at most the window more', async () => {
    const { calls, moodAfterMs } = await burst(WINDOW_MS);
    expect(calls).toBeLessThanOrEqual(2);
    for (const ms of moodAfterMs) expect(ms).toBeLessThan(WINDOW_MS + 1000);
  });

  it('without one (the default 0), every message is claimed at once, one call each', async () => {
    const { calls } = await burst(0);
    expect(calls).toBe(BURST);
  });
});
