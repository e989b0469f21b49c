/**
 * The one guarded HTTP client. Every request NewsBite makes goes through `Fetcher.fetch`:
 * URL vetting, SSRF guard on every hop, timeouts, size caps, decompression, conditional GET,
 * per-host politeness and retries live here so no caller can forget one.
 */
import type { Readable } from 'node:stream';
import { Agent, type Dispatcher } from 'undici';
import type { FetchConfig } from '../config.js';
import { NewsBiteError } from '../errors.js';
import { type AllowList, parseAllowList } from './address-policy.js';
import { decodeBody, readRawBody, tooLarge } from './body.js';
import { AddressRefusedError, FetchHttpError } from './errors.js';
import { guardedConnector, type Resolver, systemResolver } from './guarded-connector.js';
import { HostLimiter } from './host-limiter.js';
import { backoffDelay, isRetryableNetworkError, isRetryableStatus, parseRetryAfter } from './retry.js';
import { checkUrl, redact } from './url-policy.js';

export interface FetchOptions {
  /** Extra request headers (per source), e.g. Authorization or a different User-Agent. */
  headers?: Record<string, string>;
  /** Validators from the previous fetch, for a conditional GET. */
  etag?: string;
  lastModified?: string;
  /** Lower the configured body cap for this request. */
  maxBytes?: number;
  /** Accept header; defaults to HTML/XML/anything. */
  accept?: string;
  signal?: AbortSignal;
  /** GET (default) or POST (for API calls such as an LLM endpoint; a redirected POST is refused). */
  method?: 'GET' | 'POST';
  /** Request body, with POST. */
  body?: string;
}

export interface FetchResult {
  /** Final URL, after redirects. */
  url: string;
  status: number;
  /** Response headers, names lower-case, repeated headers joined with ", ". */
  headers: Record<string, string>;
  /** Decompressed body; empty on 304. */
  body: Uint8Array;
  notModified: boolean;
  /** Validators to store for the next conditional GET (the sent ones are kept on a 304 without them). */
  etag?: string;
  lastModified?: string;
  /** URLs that answered with a redirect, in order (empty when none). */
  redirects: string[];
  /** True when there were redirects and every one was permanent (301/308): callers may update the stored URL. */
  movedPermanently: boolean;
}

export interface Fetcher {
  fetch(url: string | URL, options?: FetchOptions): Promise<FetchResult>;
  /** Aborts requests in flight, fails queued ones and closes every socket. */
  close(): Promise<void>;
}

/** Knobs that are not user configuration: test hooks and retry pacing. */
export interface FetcherOptions {
  /** DNS resolver; defaults to the system's (dns.lookup). Tests inject fake names here. */
  resolve?: Resolver;
  /** First retry waits about this long, doubling each time (default 1000 ms). */
  retryBaseDelayMs?: number;
  /** Upper bound of one backoff wait (default 30 s). */
  maxRetryDelayMs?: number;
  /** Longest Retry-After we are willing to sleep through (default 120 s); longer fails at once. */
  maxRetryAfterMs?: number;
  /** Source of jitter, for deterministic tests. */
  random?: () => number;
  /** Extra CA certificates (PEM) to trust besides the system's, e.g. a LAN server's own CA. */
  extraCa?: string[];
  /** How to wait between attempts (default: an abortable timer). Tests record the waits here. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

const DEFAULT_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
const ACCEPT_ENCODING = 'gzip, deflate, br';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers the fetcher owns; a caller setting them would break framing, decoding or the guard. */
const RESERVED_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'te',
  'upgrade',
  'keep-alive',
  'trailer',
]);
/** Dropped when a redirect leaves the origin, as browsers do: they were meant for the first host. */
const CREDENTIAL_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization']);
/** How much of an unwanted (error/redirect) body we read to keep the connection reusable. */
const DISCARD_LIMIT = 64 * 1024;

type Attempt =
  | { kind: 'done'; status: number; headers: Record<string, string>; body: Buffer }
  | { kind: 'redirect'; status: number; location: string }
  | { kind: 'retry'; status: number; retryAfterMs?: number }
  | { kind: 'error'; error: NewsBiteError };

export function createFetcher(config: FetchConfig, options: FetcherOptions = {}): Fetcher {
  const allow = parseAllowList(config.allowPrivate);
  const agent = new Agent({
    connect: guardedConnector(allow, options.resolve ?? systemResolver, {
      connectTimeoutMs: config.connectTimeoutMs,
      extraCa: options.extraCa,
    }),
    headersTimeout: config.headersTimeoutMs,
    // Idle time between body chunks; the whole-body deadline is enforced by readRawBody.
    bodyTimeout: config.bodyTimeoutMs,
    keepAliveTimeout: 4_000,
  });
  return new GuardedFetcher(config, options, allow, agent);
}

class GuardedFetcher implements Fetcher {
  private readonly limiter: HostLimiter;
  /** One controller per fetch in progress, so close() can abort them without a shared signal. */
  private readonly inFlight = new Set<AbortController>();
  private closed = false;

  constructor(
    private readonly config: FetchConfig,
    private readonly options: FetcherOptions,
    private readonly allow: AllowList,
    private readonly agent: Agent,
  ) {
    this.limiter = new HostLimiter(Math.max(1, config.perHostConcurrency));
  }

  async fetch(input: string | URL, options: FetchOptions = {}): Promise<FetchResult> {
    if (this.closed) throw new NewsBiteError('FETCH_FAILED', `${String(input)}: the fetcher is closed`);
    options.signal?.throwIfAborted();
    const controller = new AbortController();
    const forward = () => controller.abort(options.signal?.reason);
    options.signal?.addEventListener('abort', forward, { once: true });
    this.inFlight.add(controller);
    try {
      return await this.run(input, options, controller.signal);
    } finally {
      this.inFlight.delete(controller);
      options.signal?.removeEventListener('abort', forward);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const reason = new NewsBiteError('FETCH_FAILED', 'the fetcher was closed');
    for (const controller of this.inFlight) controller.abort(reason);
    this.limiter.rejectAll(reason);
    await this.agent.destroy();
  }

  private async run(input: string | URL, options: FetchOptions, signal: AbortSignal): Promise<FetchResult> {
    const asked = options.maxBytes;
    const maxBytes =
      asked !== undefined && Number.isFinite(asked) && asked >= 0
        ? Math.min(asked, this.config.maxBytes)
        : this.config.maxBytes;
    const first = checkUrl(input, this.allow);
    let url = first;
    const redirects: string[] = [];
    let permanent = true;
    let headers = this.requestHeaders(options);

    const request = { method: options.method ?? 'GET', body: options.body } as const;
    for (;;) {
      const outcome = await this.fetchWithRetries(url, headers, maxBytes, signal, request);
      if (outcome.kind === 'done') {
        const notModified = outcome.status === 304;
        return {
          url: url.href,
          status: outcome.status,
          headers: outcome.headers,
          body: new Uint8Array(outcome.body.buffer, outcome.body.byteOffset, outcome.body.byteLength),
          notModified,
          etag: outcome.headers.etag ?? (notModified ? options.etag : undefined),
          lastModified: outcome.headers['last-modified'] ?? (notModified ? options.lastModified : undefined),
          redirects,
          movedPermanently: redirects.length > 0 && permanent,
        };
      }
      // Only redirects get here; fetchWithRetries throws everything else.
      if (request.method !== 'GET') {
        throw new NewsBiteError(
          'FETCH_FAILED',
          `${first.href}: a ${request.method} request was redirected (not followed)`,
        );
      }
      redirects.push(url.href);
      if (redirects.length > this.config.maxRedirects) {
        throw new NewsBiteError(
          'FETCH_FAILED',
          `${first.href}: more than ${this.config.maxRedirects} redirects (last to ${outcome.location})`,
        );
      }
      permanent &&= outcome.status === 301 || outcome.status === 308;
      let next: URL;
      try {
        next = checkUrl(outcome.location, this.allow, url.href);
      } catch (error) {
        const why = (error as Error).message;
        throw new NewsBiteError('FETCH_REFUSED', `${first.href}: redirect refused: ${why}`, { cause: error });
      }
      if (next.origin !== url.origin) headers = withoutCredentials(headers);
      url = next;
    }
  }

  private requestHeaders(options: FetchOptions): Record<string, string> {
    const headers: Record<string, string> = {
      'user-agent': this.config.userAgent,
      accept: options.accept ?? DEFAULT_ACCEPT,
    };
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      const key = name.toLowerCase();
      if (!RESERVED_HEADERS.has(key) && !key.startsWith('proxy-')) headers[key] = value;
    }
    headers['accept-encoding'] = ACCEPT_ENCODING;
    if (options.etag) headers['if-none-match'] = options.etag;
    if (options.lastModified) headers['if-modified-since'] = options.lastModified;
    return headers;
  }

  /** One hop: attempts plus waits between them, until an answer that is not "try again". */
  private async fetchWithRetries(
    url: URL,
    headers: Record<string, string>,
    maxBytes: number,
    signal: AbortSignal,
    request: RequestShape,
  ): Promise<Exclude<Attempt, { kind: 'retry' } | { kind: 'error' }>> {
    const shown = redact(url);
    const maxRetryAfter = this.options.maxRetryAfterMs ?? 120_000;
    for (let attempt = 0; ; attempt++) {
      const outcome = await this.attempt(url, headers, maxBytes, signal, request);
      const retriesLeft = attempt < this.config.retries;
      if (outcome.kind === 'done' || outcome.kind === 'redirect') return outcome;
      if (outcome.kind === 'error') {
        if (!retriesLeft || !isRetryableNetworkError(outcome.error.cause)) throw outcome.error;
        await this.sleep(this.backoff(attempt), signal);
        continue;
      }
      const { status, retryAfterMs } = outcome;
      if (retryAfterMs !== undefined && retryAfterMs > maxRetryAfter) {
        throw new FetchHttpError(
          shown,
          status,
          retryAfterMs,
          `server asks to retry after ${Math.round(retryAfterMs / 1000)} s`,
        );
      }
      if (!retriesLeft) {
        throw new FetchHttpError(shown, status, retryAfterMs, `gave up after ${attempt + 1} attempts`);
      }
      await this.sleep(Math.max(retryAfterMs ?? 0, this.backoff(attempt)), signal);
    }
  }

  private backoff(attempt: number): number {
    return backoffDelay(
      attempt,
      this.options.retryBaseDelayMs ?? 1_000,
      this.options.maxRetryDelayMs ?? 30_000,
      this.options.random ?? Math.random,
    );
  }

  /** One request on one URL, holding a per-host slot from sending until the body is read. */
  private async attempt(
    url: URL,
    headers: Record<string, string>,
    maxBytes: number,
    signal: AbortSignal,
    request: RequestShape,
  ): Promise<Attempt> {
    const shown = redact(url);
    const release = await this.limiter.acquire(url.hostname, signal);
    try {
      let response: Dispatcher.ResponseData;
      try {
        response = await this.agent.request({
          origin: url.origin,
          path: url.pathname + url.search,
          method: request.method,
          body: request.body,
          headers,
          signal,
        });
      } catch (error) {
        signal.throwIfAborted();
        return { kind: 'error', error: describeNetworkError(shown, error, this.config) };
      }
      const { statusCode: status, body } = response;
      const responseHeaders = flattenHeaders(response.headers);
      const limits = { url: shown, maxBytes, deadlineMs: this.config.bodyTimeoutMs };

      if ((status >= 200 && status < 300) || status === 304) {
        const declared = Number(responseHeaders['content-length']);
        if (status !== 304 && Number.isFinite(declared) && declared > maxBytes) {
          body.destroy();
          throw tooLarge(shown, maxBytes, `declared Content-Length ${declared}`);
        }
        let raw: Buffer;
        try {
          raw = await readRawBody(body as unknown as Readable, limits);
        } catch (error) {
          signal.throwIfAborted();
          if (error instanceof NewsBiteError) throw error;
          return { kind: 'error', error: describeNetworkError(shown, error, this.config) };
        }
        const decoded =
          status === 304
            ? Buffer.alloc(0)
            : await decodeBody(raw, responseHeaders['content-encoding'], limits);
        return { kind: 'done', status, headers: responseHeaders, body: decoded };
      }

      await discard(body, this.config.bodyTimeoutMs);
      if (REDIRECT_STATUSES.has(status) && responseHeaders.location) {
        return { kind: 'redirect', status, location: responseHeaders.location };
      }
      if (isRetryableStatus(status)) {
        return { kind: 'retry', status, retryAfterMs: parseRetryAfter(responseHeaders['retry-after']) };
      }
      throw new FetchHttpError(shown, status, parseRetryAfter(responseHeaders['retry-after']));
    } finally {
      release();
    }
  }

  private sleep(ms: number, signal: AbortSignal): Promise<void> {
    return (this.options.sleep ?? abortableSleep)(ms, signal);
  }
}

/** Method and body of a request; the same on every attempt. */
interface RequestShape {
  method: 'GET' | 'POST';
  body?: string;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function withoutCredentials(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !CREDENTIAL_HEADERS.has(name)));
}

/** Reads and drops a small unwanted body so the connection can be reused; gives up quietly. */
async function discard(body: Dispatcher.ResponseData['body'], timeoutMs: number): Promise<void> {
  try {
    await body.dump({ limit: DISCARD_LIMIT, signal: AbortSignal.timeout(timeoutMs) });
  } catch {
    body.destroy();
  }
}

/** Maps undici/socket errors to NewsBiteErrors; the original stays as `cause` for the retry rule. */
function describeNetworkError(url: string, error: unknown, config: FetchConfig): NewsBiteError {
  if (error instanceof NewsBiteError) return error;
  if (error instanceof AddressRefusedError) {
    return new NewsBiteError('FETCH_REFUSED', `${url}: ${error.reason}`, { cause: error });
  }
  const code = (error as { code?: string }).code;
  const timeouts: Record<string, string> = {
    UND_ERR_CONNECT_TIMEOUT: `could not connect within ${config.connectTimeoutMs} ms`,
    UND_ERR_HEADERS_TIMEOUT: `no response headers within ${config.headersTimeoutMs} ms`,
    UND_ERR_BODY_TIMEOUT: `body stalled for ${config.bodyTimeoutMs} ms`,
  };
  if (code && timeouts[code])
    return new NewsBiteError('FETCH_TIMEOUT', `${url}: ${timeouts[code]}`, { cause: error });
  const detail = (error as Error).message || String(error);
  return new NewsBiteError('FETCH_FAILED', `${url}: ${code ? `${code} ` : ''}${detail}`, { cause: error });
}
