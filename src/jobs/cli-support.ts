/** Shared by the subscription commands (add, import, export, poll, list, search): opening and closing. */
import type { Config } from '../config.js';
import { createFetcher, type Fetcher } from '../fetch/index.js';
import { openStore, type Store } from '../store/index.js';

export async function withStore<T>(config: Config, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openStore(config);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export async function withFetcher<T>(config: Config, fn: (fetcher: Fetcher) => Promise<T>): Promise<T> {
  const fetcher = createFetcher(config.fetch);
  try {
    return await fn(fetcher);
  } finally {
    await fetcher.close();
  }
}

/** "5m", "2h", "1d 3h": a duration for people. */
export function formatDuration(seconds: number): string {
  const s = Math.round(Math.abs(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.round(s / 60)}m`;
  if (s < 86_400) {
    const h = Math.floor(s / 3600);
    const m = Math.round((s % 3600) / 60);
    return m ? `${h}h${m}m` : `${h}h`;
  }
  const d = Math.floor(s / 86_400);
  const h = Math.round((s % 86_400) / 3600);
  return h ? `${d}d${h}h` : `${d}d`;
}

/** "3m ago", "in 2h". */
export function relativeTime(iso: string | undefined, now = new Date()): string {
  if (!iso) return 'never';
  const diff = (Date.parse(iso) - now.getTime()) / 1000;
  return diff >= 0 ? `in ${formatDuration(diff)}` : `${formatDuration(diff)} ago`;
}
