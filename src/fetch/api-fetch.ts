/**
 * A small fetch-shaped function over the guarded fetcher, for JSON APIs the operator
 * configured (the optional LLM endpoint). The configured host is allowed even when it is
 * on loopback or the LAN — naming it in the configuration is the explicit opt-in the
 * address policy asks for; every other host keeps the usual rules.
 */
import type { FetchConfig } from '../config.js';
import { createFetcher, type Fetcher } from './fetcher.js';

export interface ApiResponse {
  status: number;
  text(): Promise<string>;
}

export type ApiFetch = ((
  url: string,
  init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
) => Promise<ApiResponse>) & { close(): Promise<void> };

export function createApiFetch(config: FetchConfig, trustedUrl: string): ApiFetch {
  const host = new URL(trustedUrl).hostname.replace(/^\[|\]$/g, '');
  const fetcher: Fetcher = createFetcher({
    ...config,
    allowPrivate: [...config.allowPrivate, host],
    // A model may take a while to answer; the caller's signal bounds it.
    bodyTimeoutMs: Math.max(config.bodyTimeoutMs, 120_000),
    headersTimeoutMs: Math.max(config.headersTimeoutMs, 120_000),
  });
  const apiFetch = async (
    url: string,
    init: { method: string; headers: Record<string, string>; body: string; signal: AbortSignal },
  ): Promise<ApiResponse> => {
    const result = await fetcher.fetch(url, {
      method: init.method === 'POST' ? 'POST' : 'GET',
      body: init.body,
      headers: init.headers,
      accept: 'application/json',
      signal: init.signal,
    });
    const text = Buffer.from(result.body).toString('utf8');
    return { status: result.status, text: async () => text };
  };
  return Object.assign(apiFetch, { close: () => fetcher.close() });
}
