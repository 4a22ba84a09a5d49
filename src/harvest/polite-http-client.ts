// Owns how harvesters talk to sources: a clear User-Agent, bounded concurrency, a delay between
// requests, timeouts, retries with exponential backoff that honour Retry-After on 429/503, a size
// limit and strict UTF-8 decoding, so that one misbehaving source costs a report, not a crash.
import { setTimeout as sleep } from 'node:timers/promises';

export interface PoliteHttpOptions {
  userAgent?: string;
  timeoutMs?: number;
  retries?: number;
  /** First backoff; doubles on each retry (with jitter), capped by maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Pause between two requests to the same source. */
  delayMs?: number;
  concurrency?: number;
  maxBytes?: number;
  onRetry?: (info: { url: string; attempt: number; waitMs: number; reason: string }) => void;
}

export interface FetchedDocument {
  url: string;
  status: number;
  contentType: string;
  body: string;
}

/** The source answered, but not with something we can use (after retries where they apply). */
export class SourceHttpError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'SourceHttpError';
  }
}

export const defaultUserAgent = 'Maillage/0.1 (research-data catalogue harvester; +https://recherche.data.gouv.fr)';
const retryableStatus = new Set([429, 500, 502, 503, 504]);

/** Retry-After is seconds or an HTTP date (RFC 9110 §10.2.3). */
function retryAfterMs(header: string | null): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

export class PoliteHttpClient {
  private readonly options: Required<Omit<PoliteHttpOptions, 'onRetry'>> & Pick<PoliteHttpOptions, 'onRetry'>;
  private active = 0;
  private readonly waiting: Array<() => void> = [];
  private nextSlotAt = 0;

  constructor(options: PoliteHttpOptions = {}) {
    this.options = {
      userAgent: defaultUserAgent,
      timeoutMs: 60_000,
      retries: 4,
      backoffMs: 500,
      maxBackoffMs: 60_000,
      delayMs: 0,
      concurrency: 2,
      maxBytes: 64 * 1024 * 1024,
      ...options,
    };
  }

  async get(url: string, accept: string): Promise<FetchedDocument> {
    for (let attempt = 0; ; attempt += 1) {
      let reason: string;
      let waitMs: number | null = null;
      try {
        const response = await this.withSlot(() => fetch(url, { headers: { accept, 'user-agent': this.options.userAgent }, signal: AbortSignal.timeout(this.options.timeoutMs) }));
        if (response.ok) return await this.read(url, response);
        await response.body?.cancel();
        if (!retryableStatus.has(response.status)) throw new SourceHttpError(`HTTP ${response.status} from ${url}`, url, response.status);
        reason = `HTTP ${response.status}`;
        waitMs = retryAfterMs(response.headers.get('retry-after'));
        if (attempt >= this.options.retries) throw new SourceHttpError(`HTTP ${response.status} from ${url} after ${attempt + 1} attempts`, url, response.status);
      } catch (error) {
        if (error instanceof SourceHttpError) throw error;
        reason = (error as Error).name === 'TimeoutError' ? `no answer within ${this.options.timeoutMs} ms` : `${(error as Error).message} ${((error as Error).cause as Error | undefined)?.message ?? ''}`.trim();
        if (attempt >= this.options.retries) throw new SourceHttpError(`${url}: ${reason} (after ${attempt + 1} attempts)`, url, null);
      }
      const backoff = Math.min(this.options.maxBackoffMs, this.options.backoffMs * 2 ** attempt * (0.75 + Math.random() / 2));
      const wait = Math.min(this.options.maxBackoffMs, waitMs ?? backoff);
      this.options.onRetry?.({ url, attempt: attempt + 1, waitMs: Math.round(wait), reason });
      await sleep(wait);
    }
  }

  private async read(url: string, response: Response): Promise<FetchedDocument> {
    const declared = Number(response.headers.get('content-length') ?? NaN);
    if (declared > this.options.maxBytes) {
      await response.body?.cancel();
      throw new SourceHttpError(`${url}: ${declared} bytes is over the ${this.options.maxBytes}-byte limit`, url, response.status);
    }
    const parts: Uint8Array[] = [];
    let size = 0;
    for await (const part of response.body ?? []) {
      size += part.byteLength;
      if (size > this.options.maxBytes) throw new SourceHttpError(`${url}: the response passed the ${this.options.maxBytes}-byte limit`, url, response.status);
      parts.push(part);
    }
    let body: string;
    try {
      body = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(parts));
    } catch {
      throw new SourceHttpError(`${url}: the response is not valid UTF-8`, url, response.status);
    }
    return { url, status: response.status, contentType: (response.headers.get('content-type') ?? '').split(';')[0]!.trim(), body: body.replace(/^\uFEFF/, '') };
  }

  /** Bounded concurrency plus a minimum gap between request starts. */
  private async withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (this.active >= this.options.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      const gap = this.nextSlotAt - Date.now();
      this.nextSlotAt = Math.max(Date.now(), this.nextSlotAt) + this.options.delayMs;
      if (gap > 0) await sleep(gap);
      return await work();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}
