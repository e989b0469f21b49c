/**
 * The poller: claims due feeds from the job table (one atomic UPDATE, so two processes never
 * poll the same feed), polls up to config.poll.concurrency at once, and puts each feed back on
 * the queue at its next time. `pollOnce()` serves `newsbite poll --once`; `run()` the loop of
 * `newsbite poll` and `newsbite serve`.
 */
import os from 'node:os';
import type { Config } from '../config.js';
import type { FeedRecord, Store } from '../store/index.js';
import { describeError, ingestFeed, type PollResult } from './ingest.js';
import { createFetcher, defaultStages, type Fetcher, type OptionalStages } from './stages.js';
import { StoryTracker } from './stories.js';

export const POLL_JOB = 'poll';
/** A claim outlives any sane poll; a holder that died is detected sooner (see isDeadOwner). */
export const LOCK_MS = 15 * 60_000;
/** Stories are written to the store at least this often during a long round (and at its end). */
const STORY_FLUSH_MS = 10_000;
/** The loop wakes at least this often to look for new or rescheduled feeds. */
const MAX_SLEEP_MS = 60_000;

export interface PollOnceOptions {
  /** Poll every unpaused feed now, due or not (conditional GET keeps this cheap). */
  force?: boolean;
  /** Only these feeds. */
  feedIds?: number[];
  /** Called as each feed finishes. */
  onResult?: (result: PollResult) => void;
  /** Called with the number of feeds about to be polled, when known. */
  onTotal?: (total: number) => void;
  signal?: AbortSignal;
}

export interface PollerOptions {
  fetcher?: Fetcher;
  stages?: OptionalStages;
  /** Identity in the job table; default `host:pid`. */
  owner?: string;
  now?: () => Date;
}

export function ownerId(): string {
  return `${os.hostname()}:${process.pid}`;
}

/** A holder on this host whose process is gone. Holders on other hosts are left to their lock expiry. */
export function isDeadOwner(owner: string): boolean {
  const at = owner.lastIndexOf(':');
  const host = owner.slice(0, at);
  const pid = Number(owner.slice(at + 1));
  if (host !== os.hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

export class Poller {
  private readonly owner: string;
  private readonly ownsFetcher: boolean;
  private readonly fetcher: Fetcher;
  private stories?: Promise<StoryTracker | undefined>;
  private lastFlush = Date.now();

  constructor(
    private readonly store: Store,
    private readonly config: Config,
    private readonly options: PollerOptions = {},
  ) {
    this.owner = options.owner ?? ownerId();
    this.ownsFetcher = !options.fetcher;
    this.fetcher = options.fetcher ?? createFetcher(config.fetch);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  private async context() {
    const stages = this.options.stages ?? defaultStages(this.config.summary);
    if (stages.createStoryEngine)
      this.stories ??= StoryTracker.create(this.store, stages.createStoryEngine(), this.now());
    return {
      store: this.store,
      config: this.config,
      fetcher: this.fetcher,
      stages,
      stories: await this.stories,
      now: () => this.now(),
    };
  }

  /** Polls the due feeds (or all with `force`) once each, `concurrency` at a time. */
  async pollOnce(options: PollOnceOptions = {}): Promise<PollResult[]> {
    await this.store.recoverJobs(isDeadOwner);
    const ctx = await this.context();
    const concurrency = Math.max(1, this.config.poll.concurrency);
    let keys: string[] | undefined;
    if (options.force || options.feedIds) {
      const feeds = await this.store.listFeeds();
      const wanted = options.feedIds ? new Set(options.feedIds) : undefined;
      keys = feeds.filter((f) => !f.paused && (!wanted || wanted.has(f.id))).map((f) => String(f.id));
      options.onTotal?.(keys.length);
    }
    const done = new Set<string>();
    const results: PollResult[] = [];
    const running = new Set<Promise<void>>();
    // Set once a claim returns a feed already polled in this round: the round is complete.
    let exhausted = false;
    for (;;) {
      if (options.signal?.aborted) break;
      const free = concurrency - running.size;
      let claimed: Awaited<ReturnType<Store['claimJobs']>> = [];
      const remaining = keys?.filter((k) => !done.has(k));
      if (free > 0 && !exhausted && (!remaining || remaining.length)) {
        claimed = await this.store.claimJobs({
          kind: POLL_JOB,
          owner: this.owner,
          lockMs: LOCK_MS,
          limit: free,
          keys: remaining,
          ignoreSchedule: options.force || Boolean(options.feedIds),
          now: this.now(),
        });
        // Never the same feed twice in one round (a fast feed may be due again already): give it back.
        const repeats = claimed.filter((job) => done.has(job.key));
        for (const job of repeats) await this.store.completeJob(job.id, this.owner, new Date(job.runAfter));
        if (repeats.length) {
          exhausted = true;
          claimed = claimed.filter((job) => !done.has(job.key));
        }
      }
      for (const job of claimed) {
        done.add(job.key);
        const task = this.runJob(ctx, job.id, job.key).then(async (result) => {
          if (!result) return;
          if (Date.now() - this.lastFlush > STORY_FLUSH_MS) await this.flushStories(result);
          results.push(result);
          options.onResult?.(result);
        });
        const tracked = task.finally(() => running.delete(tracked));
        running.add(tracked);
      }
      if (claimed.length === 0) {
        if (running.size === 0) break;
        await Promise.race(running);
      } else if (running.size >= concurrency) {
        await Promise.race(running);
      }
    }
    await Promise.all(running);
    await this.flushStories(results[results.length - 1]);
    try {
      await (await this.stories)?.save();
    } catch (error) {
      // Without a snapshot the next start replays stored articles into the engine instead.
      results[results.length - 1]?.warnings.push(`story engine state not saved: ${(error as Error).message}`);
    }
    return results;
  }

  /**
   * Writes touched stories to the store. Done every STORY_FLUSH_MS and at the end of a round, not
   * per feed: a story touched by ten feeds is summarised once, not ten times.
   */
  private async flushStories(report?: PollResult): Promise<void> {
    this.lastFlush = Date.now();
    const tracker = await this.stories;
    if (!tracker) return;
    try {
      await tracker.flush();
    } catch (error) {
      report?.warnings.push(`stories not updated: ${(error as Error).message}`);
    }
  }

  private async runJob(
    ctx: Awaited<ReturnType<Poller['context']>>,
    jobId: number,
    key: string,
  ): Promise<PollResult | undefined> {
    let feed: FeedRecord | undefined;
    try {
      feed = await this.store.getFeed(Number(key));
      if (!feed) {
        await this.store.completeJob(jobId, this.owner);
        return undefined;
      }
      if (feed.paused) {
        await this.store.completeJob(
          jobId,
          this.owner,
          new Date(this.now().getTime() + this.config.poll.maxIntervalSec * 1000),
        );
        return undefined;
      }
      const result = await ingestFeed(ctx, feed);
      await this.store.completeJob(jobId, this.owner, new Date(result.nextPollAt));
      return result;
    } catch (error) {
      // A fault of ours (not the feed's): keep the feed on the queue, retry later.
      const message = describeError(feed?.url ?? `feed ${key}`, error);
      const retry = new Date(this.now().getTime() + this.config.poll.minIntervalSec * 1000);
      await this.store.failJob(jobId, this.owner, message, retry).catch(() => undefined);
      return feed
        ? {
            feedId: feed.id,
            url: feed.url,
            title: feed.title,
            status: 'error',
            inserted: 0,
            updated: 0,
            unchanged: 0,
            pageErrors: 0,
            warnings: [],
            error: message,
            intervalSec: feed.intervalSec,
            nextPollAt: retry.toISOString(),
          }
        : undefined;
    }
  }

  /** Polls due feeds until `signal` aborts, sleeping until the next feed is due. */
  async run(options: { signal: AbortSignal; onResult?: (result: PollResult) => void }): Promise<void> {
    const { signal } = options;
    while (!signal.aborted) {
      await this.pollOnce({ onResult: options.onResult, signal });
      if (signal.aborted) break;
      const wait = await this.msUntilNextDue();
      await sleep(Math.max(1000, Math.min(MAX_SLEEP_MS, wait)), signal);
    }
  }

  private async msUntilNextDue(): Promise<number> {
    const next = await this.store.nextJobTime(POLL_JOB);
    return next ? Date.parse(next) - this.now().getTime() : MAX_SLEEP_MS;
  }

  async close(): Promise<void> {
    if (this.ownsFetcher) await this.fetcher.close();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
