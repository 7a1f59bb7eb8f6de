import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { ConfigService } from '@nestjs/config';
import { SidecarClient, SidecarError } from './sidecar.client';

type Handler = (request: IncomingMessage, body: string, response: ServerResponse) => void;

/** A real HTTP server on loopback whose answers each test chooses; it counts connections. */
async function startServer(): Promise<{ server: Server; url: string; connections: () => number; handle: (handler: Handler) => void }> {
  let handler: Handler = (_request, _body, response) => response.end();
  let connections = 0;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => handler(request, body, response));
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://127.0.0.1:${port}/`, connections: () => connections, handle: (next) => (handler = next) };
}

function clientFor(url: string, timeoutMs = 500): SidecarClient {
  return new SidecarClient(new ConfigService({ SIDECAR_URL: url, INFERENCE_TIMEOUT_MS: timeoutMs }) as ConfigService<never, true>);
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

const REQUEST = { text: 'so happy today', messageId: 'm1', seed: 's1' };

describe('SidecarClient', () => {
  let sidecar: Awaited<ReturnType<typeof startServer>>;
  let client: SidecarClient;
  const sockets = new Set<Socket>();

  beforeEach(async () => {
    sidecar = await startServer();
    sidecar.server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    client = clientFor(sidecar.url);
  });
  afterEach(async () => {
    client.onApplicationShutdown();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => sidecar.server.close(resolve));
  });

  it('posts one text to /infer as JSON and reads the mood, reusing one connection', async () => {
    const seen: { method?: string; url?: string; type?: string; body: unknown }[] = [];
    sidecar.handle((request, body, response) => {
      seen.push({ method: request.method, url: request.url, type: request.headers['content-type'], body: JSON.parse(body) });
      json(response, 200, { mood: 'happy', confidence: 0.91, model: 'test-model' });
    });
    for (let i = 0; i < 3; i++) await expect(client.infer(REQUEST)).resolves.toEqual({ mood: 'happy', confidence: 0.91, model: 'test-model' });
    expect(seen).toEqual(Array(3).fill({ method: 'POST', url: '/infer', type: 'application/json', body: REQUEST }));
    expect(sidecar.connections()).toBe(1);
  });

  it('posts a batch to /infer/batch and keeps the order of the answers', async () => {
    sidecar.handle((request, body, response) => {
      const { items } = JSON.parse(body) as { items: { text: string }[] };
      expect(request.url).toBe('/infer/batch');
      json(response, 200, { results: items.map((item, i) => ({ mood: i === 0 ? 'sad' : 'angry', confidence: 0.5, model: item.text })) });
    });
    const results = await client.inferBatch([REQUEST, { ...REQUEST, text: 'second', messageId: 'm2' }]);
    expect(results).toEqual([
      { mood: 'sad', confidence: 0.5, model: REQUEST.text },
      { mood: 'angry', confidence: 0.5, model: 'second' },
    ]);
  });

  it('says what went wrong: a non-2xx status with its body, a body that is not JSON, a wrong answer', async () => {
    sidecar.handle((_request, _body, response) => json(response, 503, { detail: 'warming up' }));
    await expect(client.infer(REQUEST)).rejects.toThrow(new SidecarError('HTTP 503: {"detail":"warming up"}'));

    sidecar.handle((_request, _body, response) => response.end('<html>'));
    await expect(client.infer(REQUEST)).rejects.toThrow(new SidecarError('response is not JSON'));

    sidecar.handle((_request, _body, response) => json(response, 200, { mood: 'bored', confidence: 0.5 }));
    await expect(client.infer(REQUEST)).rejects.toThrow(new SidecarError('invalid response: mood "bored"'));

    sidecar.handle((_request, _body, response) => json(response, 200, { mood: 'sad', confidence: 1.5 }));
    await expect(client.infer(REQUEST)).rejects.toThrow(new SidecarError('invalid response: confidence 1.5'));

    sidecar.handle((_request, _body, response) => json(response, 200, { results: [] }));
    await expect(client.inferBatch([REQUEST, REQUEST])).rejects.toThrow(new SidecarError('invalid batch response: expected 2 results'));
  });

  it('gives up after INFERENCE_TIMEOUT_MS, and the next call works', async () => {
    let answer = false;
    sidecar.handle((_request, _body, response) => {
      if (answer) json(response, 200, { mood: 'neutral', confidence: 0.4 });
      // Otherwise never answers.
    });
    const started = Date.now();
    await expect(client.infer(REQUEST)).rejects.toThrow(new SidecarError('timed out after 500 ms'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(490);
    answer = true;
    await expect(client.infer(REQUEST)).resolves.toMatchObject({ mood: 'neutral', model: 'unknown' });
  });

  it('names the network error when nothing listens', async () => {
    const port = (sidecar.server.address() as AddressInfo).port;
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => sidecar.server.close(resolve));
    const nobody = clientFor(`http://127.0.0.1:${port}`);
    try {
      await expect(nobody.infer(REQUEST)).rejects.toThrow(new SidecarError('unreachable: ECONNREFUSED'));
      await expect(nobody.health()).rejects.toThrow(new SidecarError('unreachable: ECONNREFUSED'));
    } finally {
      nobody.onApplicationShutdown();
      sidecar = await startServer();
    }
  });

  it('tries once more, on a new connection, when a kept-alive one is closed as it is reused', async () => {
    // The first request on each connection is answered and the connection kept; a second request
    // on the same connection gets it closed without an answer (the sidecar dropping an idle
    // connection just as the client reuses it).
    const served = new WeakMap<object, number>();
    let answered = 0;
    sidecar.handle((request, _body, response) => {
      const n = (served.get(request.socket) ?? 0) + 1;
      served.set(request.socket, n);
      if (n > 1) {
        request.socket.destroy();
        return;
      }
      answered++;
      json(response, 200, { mood: 'happy', confidence: 0.8 });
    });
    await client.infer(REQUEST);
    await expect(client.infer(REQUEST)).resolves.toMatchObject({ mood: 'happy' });
    expect(answered).toBe(2);
    expect(sidecar.connections()).toBe(2);

    // A connection that is not a reused one is not tried again: the error is the caller's.
    sidecar.handle((request) => request.socket.destroy());
    const fresh = clientFor(sidecar.url);
    try {
      await expect(fresh.infer(REQUEST)).rejects.toThrow(new SidecarError('unreachable: ECONNRESET'));
    } finally {
      fresh.onApplicationShutdown();
    }
  });

  it('reads the model from /health, and refuses a non-2xx health', async () => {
    sidecar.handle((request, _body, response) => json(response, request.url === '/health' ? 200 : 404, { status: 'ok', model: 'mood-linear' }));
    await expect(client.health()).resolves.toEqual({ model: 'mood-linear' });
    sidecar.handle((_request, _body, response) => json(response, 500, {}));
    await expect(client.health()).rejects.toThrow(new SidecarError('health answered HTTP 500'));
  });
});
