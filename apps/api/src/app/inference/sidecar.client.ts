import * as http from 'node:http';
import * as https from 'node:https';
import { hostname } from 'node:os';
import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { isMood, Mood } from '@moodlobby/shared';
import type { AppConfig } from '../platform/config/env.validation';

export interface InferenceRequest {
  text: string;
  messageId: string;
  seed: string;
}

export interface InferenceResult {
  mood: Mood;
  confidence: number;
  model: string;
}

/** Names this API process in sidecar requests, for tracing which process made a call. */
const INSTANCE = `${hostname()}:${process.pid}`;

/** Connections kept to the sidecar: more than INFERENCE_CONCURRENCY's lanes plus a health check need. */
const MAX_SOCKETS = 16;
/** How long an idle kept-alive connection stays open. */
const IDLE_TIMEOUT_MS = 4000;

/** Why a sidecar call failed, in words fit for `lastError`. */
export class SidecarError extends Error {}

/**
 * HTTP client of the Python sidecar: `POST /infer` for one text, `POST /infer/batch` for several.
 * Every call has INFERENCE_TIMEOUT_MS; a network error, a non-2xx status, a timeout or a body
 * that is not a valid answer all throw SidecarError.
 *
 * It speaks `node:http` over a keep-alive agent rather than `fetch`: a call is made for about
 * every message, and measured on this project's machine `fetch` (undici, web streams, an
 * AbortSignal timer) costs about 3–4 times the CPU of a plain request (bench/README.md, rate).
 */
@Injectable()
export class SidecarClient implements OnApplicationShutdown {
  private readonly base: URL;
  private readonly timeoutMs: number;
  private readonly agent: http.Agent;

  constructor(config: ConfigService<AppConfig, true>) {
    this.base = new URL(config.getOrThrow('SIDECAR_URL').replace(/\/+$/, '') + '/');
    this.timeoutMs = config.getOrThrow('INFERENCE_TIMEOUT_MS');
    // Idle connections close before uvicorn's own 5 s keep-alive timeout would close them.
    const options = { keepAlive: true, maxSockets: MAX_SOCKETS, timeout: IDLE_TIMEOUT_MS };
    this.agent = this.base.protocol === 'https:' ? new https.Agent(options) : new http.Agent(options);
  }

  /**
   * Closes the kept-alive connections, after the worker's shutdown step (`beforeApplicationShutdown`)
   * has let its calls in flight finish: closing them earlier would fail those calls.
   */
  onApplicationShutdown(): void {
    this.agent.destroy();
  }

  async infer(request: InferenceRequest): Promise<InferenceResult> {
    return parseResult(await this.post('infer', request));
  }

  async inferBatch(requests: InferenceRequest[]): Promise<InferenceResult[]> {
    const body = await this.post('infer/batch', { items: requests });
    const results = (body as { results?: unknown })?.results;
    if (!Array.isArray(results) || results.length !== requests.length) {
      throw new SidecarError(`invalid batch response: expected ${requests.length} results`);
    }
    return results.map(parseResult);
  }

  /** The sidecar's `/health`: which model it runs; throws when it does not answer 2xx. */
  async health(): Promise<{ model: string }> {
    const response = await this.request('GET', 'health');
    if (response.status < 200 || response.status > 299) throw new SidecarError(`health answered HTTP ${response.status}`);
    const body = parseJson(response.text) as { model?: unknown } | null;
    return { model: typeof body?.model === 'string' ? body.model : 'unknown' };
  }

  private async post(path: string, payload: unknown): Promise<unknown> {
    const response = await this.request('POST', path, JSON.stringify(payload));
    if (response.status < 200 || response.status > 299) {
      const detail = response.text.slice(0, 200);
      throw new SidecarError(`HTTP ${response.status}${detail ? `: ${detail}` : ''}`);
    }
    return parseJson(response.text);
  }

  /**
   * One request, answered in full within the timeout, or a SidecarError saying what went wrong.
   * A kept-alive connection the sidecar closed just as it was reused (ECONNRESET on a reused
   * socket, as Node's documentation describes) is tried once more on a fresh one.
   */
  private request(method: 'GET' | 'POST', path: string, body?: string, retried = false): Promise<{ status: number; text: string }> {
    const url = new URL(path, this.base);
    const transport = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const headers: http.OutgoingHttpHeaders = { 'x-moodlobby-instance': INSTANCE };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = transport.request(url, { method, headers, agent: this.agent }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          clearTimeout(timer);
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (error) => fail(error));
      });
      const fail = (error: unknown) => {
        clearTimeout(timer);
        if (!retried && req.reusedSocket && (error as NodeJS.ErrnoException).code === 'ECONNRESET') {
          resolve(this.request(method, path, body, true));
          return;
        }
        reject(error instanceof SidecarError ? error : new SidecarError(`unreachable: ${describeCause(error)}`));
      };
      const timer = setTimeout(() => req.destroy(new SidecarError(`timed out after ${this.timeoutMs} ms`)), this.timeoutMs);
      req.on('error', fail);
      req.end(body);
    });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SidecarError('response is not JSON');
  }
}

function parseResult(value: unknown): InferenceResult {
  const body = value as Partial<InferenceResult> | null;
  if (!body || !isMood(body.mood)) throw new SidecarError(`invalid response: mood ${JSON.stringify(body?.mood)}`);
  const confidence = body.confidence;
  if (typeof confidence !== 'number' || !(confidence >= 0 && confidence <= 1)) {
    throw new SidecarError(`invalid response: confidence ${JSON.stringify(confidence)}`);
  }
  return { mood: body.mood, confidence, model: typeof body.model === 'string' ? body.model : 'unknown' };
}

function describeCause(error: unknown): string {
  const { code, cause } = error as { code?: string; cause?: { code?: string; message?: string } };
  return code ?? cause?.code ?? cause?.message ?? (error as Error).message;
}
