import { hostname } from 'node:os';
import { Injectable } from '@nestjs/common';
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

/** Why a sidecar call failed, in words fit for `lastError`. */
export class SidecarError extends Error {}

/**
 * HTTP client of the Python sidecar: `POST /infer` for one text, `POST /infer/batch` for several.
 * Every call has INFERENCE_TIMEOUT_MS; a network error, a non-2xx status, a timeout or a body
 * that is not a valid answer all throw SidecarError.
 */
@Injectable()
export class SidecarClient {
  private readonly baseUrl: string;
  private readonly timeoutMs: number;

  constructor(config: ConfigService<AppConfig, true>) {
    this.baseUrl = config.getOrThrow('SIDECAR_URL').replace(/\/+$/, '');
    this.timeoutMs = config.getOrThrow('INFERENCE_TIMEOUT_MS');
  }

  async infer(request: InferenceRequest): Promise<InferenceResult> {
    return parseResult(await this.post('/infer', request));
  }

  async inferBatch(requests: InferenceRequest[]): Promise<InferenceResult[]> {
    const body = await this.post('/infer/batch', { items: requests });
    const results = (body as { results?: unknown })?.results;
    if (!Array.isArray(results) || results.length !== requests.length) {
      throw new SidecarError(`invalid batch response: expected ${requests.length} results`);
    }
    return results.map(parseResult);
  }

  /** The sidecar's `/health`: which model it runs; throws when it does not answer 2xx. */
  async health(): Promise<{ model: string }> {
    const response = await fetch(`${this.baseUrl}/health`, { signal: AbortSignal.timeout(this.timeoutMs) });
    if (!response.ok) throw new SidecarError(`health answered HTTP ${response.status}`);
    const body = (await response.json()) as { model?: unknown } | null;
    return { model: typeof body?.model === 'string' ? body.model : 'unknown' };
  }

  private async post(path: string, payload: unknown): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-moodlobby-instance': INSTANCE },
        body: JSON.stringify(payload),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      const name = (error as Error).name;
      throw new SidecarError(
        name === 'TimeoutError' ? `timed out after ${this.timeoutMs} ms` : `unreachable: ${describeCause(error)}`,
      );
    }
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 200);
      throw new SidecarError(`HTTP ${response.status}${detail ? `: ${detail}` : ''}`);
    }
    try {
      return await response.json();
    } catch {
      throw new SidecarError('response is not JSON');
    }
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
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error as Error).message;
}
