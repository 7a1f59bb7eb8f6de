import { ApiServer, FakeSidecar, startApi } from '@moodlobby/testing';

async function get(server: ApiServer, path: string) {
  const response = await fetch(`${server.url}${path}`);
  return { status: response.status, body: (await response.json()) as { status: string; details: Record<string, Record<string, unknown>> } };
}

describe('health', () => {
  let sidecar: FakeSidecar;
  let server: ApiServer;

  afterAll(async () => {
    await server?.dispose();
    await sidecar?.close();
  });

  it('is live with the database up, and ready only while the sidecar answers too', async () => {
    sidecar = await FakeSidecar.start();
    server = await startApi({ env: { SIDECAR_URL: sidecar.url } });

    const live = await get(server, '/health');
    expect(live).toMatchObject({ status: 200, body: { status: 'ok', details: { database: { status: 'up' } } } });
    const ready = await get(server, '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toEqual({
      database: { status: 'up' },
      sidecar: { status: 'up', model: 'fake' },
      inference: { status: 'up', degraded: false, maxBacklogAgeMs: 30000, oldestPendingMs: 0, skippedRecently: 0 },
    });

    await sidecar.close();
    const notReady = await get(server, '/health/ready');
    expect(notReady.status).toBe(503);
    expect(notReady.body.details['sidecar']).toMatchObject({ status: 'down' });
    expect((await get(server, '/health')).status).toBe(200);
  });
});
