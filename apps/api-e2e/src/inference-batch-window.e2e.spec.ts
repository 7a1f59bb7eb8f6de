import { MoodUpdatedPayload, ServerEvent } from '@moodlobby/shared';
import { ApiServer, FakeSidecar, LobbyClient, startApi } from '@moodlobby/testing';

/** A window long enough for the burst below to count as busy: more than two messages in it. */
const WINDOW_MS = 1000;
const BURST = 5;

/**
 * Runs `use` against an API with this batch window and a fake sidecar that answers every text
 * `happy`, with one client in the lobby; stops them all afterwards.
 */
async function withLobby<T>(windowMs: number, use: (lobby: { sidecar: FakeSidecar; client: LobbyClient }) => Promise<T>): Promise<T> {
  const sidecar = await FakeSidecar.start({ kind: 'ok', mood: 'happy' });
  let server: ApiServer | undefined;
  let client: LobbyClient | undefined;
  try {
    server = await startApi({ env: { SIDECAR_URL: sidecar.url, RATE_LIMIT_MAX: '100', INFERENCE_BATCH_WINDOW_MS: String(windowMs) } });
    client = await LobbyClient.connect(server.url);
    await client.start('Burst');
    return await use({ sidecar, client });
  } finally {
    client?.close();
    await server?.dispose();
    await sidecar.close();
  }
}

/**
 * Sends one message, waits for its mood, then sends one more after each of `gapsMs` (BURST back
 * to back by default); returns how many sidecar calls carried their texts and how long each
 * waited for its mood.
 */
function burst(windowMs: number, gapsMs: number[] = new Array<number>(BURST).fill(0)): Promise<{ calls: number; moodAfterMs: number[] }> {
  return withLobby(windowMs, async ({ sidecar, client }) => {
    const first = await client.send({ text: 'warm-up' });
    if (!first.ok) throw new Error(JSON.stringify(first));
    await client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === first.message.id);

    const sent: { text: string; moodAfterMs: Promise<number> }[] = [];
    for (const [i, gapMs] of gapsMs.entries()) {
      if (gapMs > 0) await new Promise((resolve) => setTimeout(resolve, gapMs));
      const at = Date.now();
      const text = `burst ${i}`;
      const ack = await client.send({ text });
      if (!ack.ok) throw new Error(JSON.stringify(ack));
      const id = ack.message.id;
      const mood = client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === id).then((update) => {
        expect(update).toMatchObject({ mood: 'happy', status: 'done' });
        return Date.now() - at;
      });
      sent.push({ text, moodAfterMs: mood });
    }
    const moodAfterMs = await Promise.all(sent.map((s) => s.moodAfterMs));
    const texts = new Set(sent.map((s) => s.text));
    const calls = sidecar.calls.filter((call) => {
      const body = call.body as { text?: string; items?: { text: string }[] };
      const items = call.path === '/infer/batch' ? (body.items ?? []) : call.path === '/infer' ? [body] : [];
      return items.some((item) => texts.has(item.text ?? ''));
    }).length;
    return { calls, moodAfterMs };
  });
}

describe('INFERENCE_BATCH_WINDOW_MS', () => {
  it('with a window, messages close together share one sidecar call; each mood waits at most two windows more', async () => {
    // One window for the claim, at most one more for a write to ride in (nothing else is sent here).
    const { calls, moodAfterMs } = await burst(WINDOW_MS);
    expect(calls).toBeLessThanOrEqual(2);
    for (const ms of moodAfterMs) expect(ms).toBeLessThan(2 * WINDOW_MS + 1000);
  });

  it('without one (0), every message is claimed at once, one call each', async () => {
    const { calls } = await burst(0);
    expect(calls).toBe(BURST);
  });

  it('at two messages or fewer per window, nothing waits, not even a message close behind another', async () => {
    // Pairs 100 ms apart, 2.5 s between pairs: about 0.8 messages per 400 ms window lately.
    // Were the window applied, each pair's second message would wait 300 ms for its claim.
    const windowMs = 400;
    const { calls, moodAfterMs } = await burst(windowMs, [2500, 100, 2500, 100]);
    expect(calls).toBe(4);
    for (const ms of moodAfterMs) expect(ms).toBeLessThan(windowMs - 100 - 50);
  });

  it('while busy, the moods of a batch wait for the next message:new and go out in its write', async () => {
    await withLobby(WINDOW_MS, async ({ sidecar, client }) => {
      // Eight back to back: the first two are claimed at once, the rest share a call at the
      // window's end, when more than two jobs a window still arrive.
      const sent = 8;
      for (let i = 0; i < sent; i++) {
        const ack = await client.send({ text: `ride ${i}` });
        if (!ack.ok) throw new Error(JSON.stringify(ack));
      }
      const lastCall = () => sidecar.inferredTexts().filter((item, _i, all) => item.at === all.find((other) => other.text === `ride ${sent - 1}`)?.at);
      for (let i = 0; i < 200 && lastCall().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      const held = lastCall().map((item) => item.messageId);
      expect(held.length).toBeGreaterThanOrEqual(2);

      // Their moods are stored by now, and held: not sent on their own within the window.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const moodOf = (id: string) => client.received.findIndex((r) => r.event === ServerEvent.MoodUpdated && (r.payload as MoodUpdatedPayload).messageId === id);
      expect(held.map(moodOf)).toEqual(held.map(() => -1));

      const carrier = await client.send({ text: 'carrier' });
      if (!carrier.ok) throw new Error(JSON.stringify(carrier));
      await client.waitFor<MoodUpdatedPayload>(ServerEvent.MoodUpdated, (u) => u.messageId === held[held.length - 1], 5000);
      // In the carrier's write: its message:new, then the held moods, nothing between.
      const at = client.received.findIndex((r) => r.event === ServerEvent.MessageNew && (r.payload as { id: string }).id === carrier.message.id);
      expect(held.map(moodOf)).toEqual(held.map((_id, i) => at + 1 + i));
      for (const id of held) expect(client.received[moodOf(id)].payload).toMatchObject({ mood: 'happy', status: 'done' });
    });
  });
});
