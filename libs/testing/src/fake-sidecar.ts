import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FakeSidecarMode =
  | { kind: 'ok'; mood?: string; confidence?: number; delayMs?: number }
  | { kind: 'status'; status: number }
  | { kind: 'garbage' }
  | { kind: 'hang' };

export interface SidecarCall {
  path: string;
  /** The `x-moodlobby-instance` header: which API process called. */
  instance: string;
  at: number;
  body: unknown;
}

/**
 * A stand-in sidecar on a real HTTP port whose behaviour a test switches at will (answer,
 * fail with a status, send garbage, never answer), recording every call it gets.
 */
export class FakeSidecar {
  readonly calls: SidecarCall[] = [];
  mode: FakeSidecarMode = { kind: 'ok' };
  private readonly open = new Set<ServerResponse>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(mode: FakeSidecarMode = { kind: 'ok' }): Promise<FakeSidecar> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const sidecar = new FakeSidecar(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    server.on('request', (req, res) => void sidecar.handle(req, res));
    sidecar.mode = mode;
    return sidecar;
  }

  /** Calls to the inference endpoints, one entry per text (batch calls are expanded). */
  inferredTexts(): { text: string; messageId: string; at: number; instance: string }[] {
    return this.calls.flatMap((call) => {
      const body = call.body as { items?: { text: string; messageId: string }[]; text?: string; messageId?: string };
      const items = call.path === '/infer/batch' ? (body.items ?? []) : call.path === '/infer' ? [body] : [];
      return items.map((item) => ({ text: String(item.text), messageId: String(item.messageId), at: call.at, instance: call.instance }));
    });
  }

  async close(): Promise<void> {
    for (const res of this.open) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const body = raw ? safeJson(raw) : null;
    const path = req.url ?? '/';
    this.calls.push({ path, instance: String(req.headers['x-moodlobby-instance'] ?? ''), at: Date.now(), body });
    const mode = this.mode;
    if (path === '/health') return send(res, 200, { status: 'ok', model: 'fake' });
    if (mode.kind === 'hang') {
      this.open.add(res);
      res.on('close', () => this.open.delete(res));
      return;
    }
    if (mode.kind === 'status') return send(res, mode.status, { detail: 'fake failure' });
    if (mode.kind === 'garbage') return send(res, 200, { mood: 'ecstatic', confidence: 7 });
    if (mode.delayMs) await new Promise((resolve) => setTimeout(resolve, mode.delayMs));
    const answer = { mood: mode.mood ?? 'happy', confidence: mode.confidence ?? 0.9, scores: {}, model: 'fake' };
    if (path === '/infer/batch') {
      const items = (body as { items?: unknown[] })?.items ?? [];
      return send(res, 200, { results: items.map(() => answer) });
    }
    return send(res, 200, answer);
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}
