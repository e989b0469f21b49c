/**
 * Starts NewsBite as one process: opens the store, builds the app, listens, and runs the
 * feed scheduler (the jobs stage's Poller) in the background. The jobs stage (extraction,
 * analysis, stories) is imported after the server listens, so the first page is not kept
 * waiting for language models to load.
 */
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';
import { isNewsBiteError, NewsBiteError } from '../errors.js';
import type { Fetcher } from '../fetch/index.js';
import { openStore, type Store } from '../store/index.js';
import { ReaderStore } from '../store/reader.js';
import { buildServer } from './app.js';
import type { SourceService } from './sources.js';

export interface RunningServer {
  app: FastifyInstance;
  url: string;
  store: Store;
  close(): Promise<void>;
}

/** The reader's "add a source" and "import OPML", backed by the jobs stage. */
export function jobSources(
  store: Store,
  getFetcher: () => Promise<Fetcher>,
  onAdded: (feedIds: number[]) => void = () => {},
): SourceService {
  return {
    async add(url, options = {}) {
      try {
        const { addFeed } = await import('../jobs/index.js');
        const added = await addFeed(store, await getFetcher(), url, { category: options.folder });
        onAdded([added.feed.id]);
        return { feedId: added.feed.id, url: added.feed.url, title: added.feed.title };
      } catch (error) {
        // Another user (or the CLI) added it already: subscribing is still fine.
        if (isNewsBiteError(error) && error.code === 'CONFLICT') {
          const existing = await store.getFeedByUrl(url.trim());
          if (existing) return { feedId: existing.id, url: existing.url, title: existing.title };
        }
        throw error;
      }
    },
    async importOpml(text) {
      if (!text.trim()) throw new NewsBiteError('INPUT_EMPTY', 'OPML import: the file is empty');
      const { importOpml } = await import('../jobs/index.js');
      // A small file is checked feed by feed (real per-feed results on the page); a big one is
      // subscribed at once and each feed's status shows after its first poll.
      const many = (text.match(/xmlUrl\s*=/gi) ?? []).length > 20;
      const results = await importOpml(store, await getFetcher(), text, { noCheck: many });
      onAdded(results.filter((r) => r.ok && r.feedId !== undefined).map((r) => r.feedId!));
      return results.map((r) => ({
        url: r.url,
        ok: r.ok,
        message: r.message,
        feedId: r.feedId,
        folder: r.category,
      }));
    },
  };
}

export async function startServer(
  config: Config,
  options: { poll?: boolean; log?: (line: string) => void } = {},
): Promise<RunningServer> {
  const log = options.log ?? (() => {});
  const store = await openStore(config);
  // The fetcher (undici) and the jobs stage load on first use, after the server answers.
  let fetcher: Promise<Fetcher> | undefined;
  const getFetcher = () => {
    fetcher ??= import('../fetch/index.js').then(({ createFetcher }) => createFetcher(config.fetch));
    return fetcher;
  };
  const controller = new AbortController();
  type PollerInstance = InstanceType<Awaited<typeof import('../jobs/index.js')>['Poller']>;
  let poller: Promise<PollerInstance> | undefined;
  // Loaded on first use, after the server listens: the jobs stage pulls in extraction and NLP models.
  const getPoller = () => {
    poller ??= Promise.all([import('../jobs/index.js'), getFetcher()]).then(
      ([{ Poller }, f]) => new Poller(store, config, { fetcher: f }),
    );
    return poller;
  };
  // A feed added in the reader is fetched at once, not at the scheduler's next wake-up.
  const pollNow = (feedIds: number[]) => {
    if (options.poll === false || feedIds.length === 0) return;
    getPoller()
      .then((p) => p.pollOnce({ feedIds, signal: controller.signal }))
      .catch((error) => log(`newsbite: polling new feeds failed: ${(error as Error).message}`));
  };
  const app = await buildServer(config, store, {
    logger: config.logLevel === 'debug',
    sources: jobSources(store, getFetcher, pollNow),
  });
  await app.listen({ host: config.host, port: config.port });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host =
    config.host === '0.0.0.0' || config.host === '::'
      ? '127.0.0.1'
      : config.host.includes(':')
        ? `[${config.host}]`
        : config.host;
  const url = `http://${host}:${port}`;
  const reader = new ReaderStore(store.db as never);
  log(`NewsBite is serving ${url} (data in ${config.dataDir})`);
  if ((await reader.countUsers()) === 0)
    log(`No account yet: open ${url}/setup or run "newsbite user add NAME"`);

  let polling: Promise<void> = Promise.resolve();
  if (options.poll !== false) {
    polling = getPoller()
      .then((p) =>
        p.run({
          signal: controller.signal,
          onResult: () => {
            // New feeds added by the CLI get an owner (every admin) as soon as they are polled.
            reader.adoptOrphanFeeds().catch(() => undefined);
          },
        }),
      )
      .catch((error) => log(`newsbite: feed scheduler stopped: ${(error as Error).message}`));
  }
  return {
    app,
    url,
    store,
    async close() {
      controller.abort();
      await polling;
      await app.close();
      if (fetcher) await (await fetcher).close();
      await store.close();
    },
  };
}
