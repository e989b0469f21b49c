/** Shared set-up for server tests: a temp data dir, the real store, a seeded corpus, a signed-in user. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Config, defaultConfig } from '../../src/config.js';
import type { Article, Bite, Block } from '../../src/model/index.js';
import { renderHtml, renderText } from '../../src/model/render.js';
import { buildServer, type ServerOptions } from '../../src/server/app.js';
import { createUser } from '../../src/server/routes/pages.js';
import { openStore, type Store } from '../../src/store/index.js';
import { ReaderStore } from '../../src/store/reader.js';

export function makeArticle(input: {
  headline: string;
  paragraphs: string[];
  url?: string;
  siteName?: string;
  published?: string;
  authors?: string[];
  blocks?: Block[];
  original?: Article['original'];
}): Article {
  const blocks: Block[] = input.blocks ?? input.paragraphs.map((text) => ({ kind: 'paragraph', text }));
  return {
    url: input.url,
    canonicalUrl: input.url,
    siteName: input.siteName,
    headline: input.headline,
    authors: input.authors ?? [],
    published: input.published,
    keywords: [],
    blocks,
    text: renderText(blocks),
    html: renderHtml(blocks),
    original: input.original,
    diagnostics: { removed: [], notes: [], extractor: 'test' },
  };
}

export function makeBite(summary: string, extra: Partial<Bite> = {}): Bite {
  return {
    summary: [{ text: summary }],
    keyPoints: [],
    entities: [],
    quotes: [],
    sourcing: {
      named: 0,
      anonymous: 0,
      hedges: {},
      outlets: [],
      level: 'unsourced',
      note: 'No attributed sources.',
    },
    keywords: [],
    method: 'lead',
    ...extra,
  };
}

export interface TestServer {
  app: FastifyInstance;
  config: Config;
  store: Store;
  reader: ReaderStore;
  dir: string;
  close(): Promise<void>;
}

export async function startTestServer(
  options: ServerOptions = {},
  settings: Partial<Config> = {},
): Promise<TestServer> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-server-'));
  const config: Config = { ...defaultConfig({}), dataDir: dir, logLevel: 'silent', ...settings };
  const store = await openStore(config);
  const app = await buildServer(config, store, options);
  await app.ready();
  return {
    app,
    config,
    store,
    reader: new ReaderStore(store.db as never),
    dir,
    async close() {
      await app.close();
      await store.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a user and signs in through the login form; returns the cookie header and CSRF token. */
export async function signIn(
  server: TestServer,
  name = 'alice',
  password = 'correct horse battery',
): Promise<{ cookie: string; csrf: string; userId: number }> {
  let user = await server.reader.userByName(name);
  if (!user) user = await createUser({ reader: server.reader }, name, password, true);
  const page = await server.app.inject({ method: 'GET', url: '/login' });
  const pre = cookieValue(page.headers['set-cookie'], 'nb_csrf');
  const csrfField = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1] ?? '';
  const res = await server.app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: `nb_csrf=${pre}`, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ name, password, _csrf: csrfField }).toString(),
  });
  if (res.statusCode !== 303) throw new Error(`login failed: ${res.statusCode} ${res.body.slice(0, 200)}`);
  const session = cookieValue(res.headers['set-cookie'], 'nb_session');
  const cookie = `nb_session=${session}`;
  const home = await server.app.inject({ method: 'GET', url: '/settings', headers: { cookie } });
  const csrf = /name="csrf-token" content="([^"]+)"/.exec(home.body)?.[1] ?? '';
  return { cookie, csrf, userId: user.id };
}

export function cookieValue(header: string | string[] | undefined, name: string): string {
  const all = Array.isArray(header) ? header : header ? [header] : [];
  for (const h of all) {
    const m = new RegExp(`(?:^|\\s)${name}=([^;]*)`).exec(h);
    if (m) return m[1];
  }
  return '';
}

export interface Seeded {
  feeds: { world: number; tech: number };
  ids: Record<string, number>;
  storyId: string;
}

/** Two feeds, a two-source story, a syndicated copy and a stand-alone article. */
export async function seed(store: Store): Promise<Seeded> {
  const world = await store.addFeed({
    url: 'http://127.0.0.1:9/world.xml',
    title: 'World Wire',
    category: 'News',
  });
  const tech = await store.addFeed({ url: 'http://127.0.0.1:9/tech.xml', title: 'Tech Daily' });
  const ids: Record<string, number> = {};
  const add = async (key: string, feedId: number, source: string, article: Article, bite?: Bite) => {
    const r = await store.upsertEntry({
      feedId,
      guid: key,
      url: article.url,
      canonicalUrl: article.url,
      contentHash: `hash-${key}`,
      article,
      bite,
      sourceName: source,
    });
    ids[key] = r.id;
  };
  await add(
    'flood-a',
    world.id,
    'World Wire',
    makeArticle({
      headline: 'River floods northern valley towns',
      paragraphs: [
        'Heavy rain pushed the Aller river over its banks on Monday, flooding three valley towns.',
        'Mayor Jana Novak said 400 residents were moved to the school gym overnight.',
      ],
      url: 'https://world.example/floods',
      siteName: 'World Wire',
      published: '2026-11-20T08:00:00.000Z',
      authors: ['Sam Reporter'],
    }),
    makeBite('The Aller river flooded three valley towns after heavy rain.', {
      keyPoints: ['400 residents were moved to the school gym overnight.'],
      entities: [{ name: 'Jana Novak', type: 'person', count: 1, first: 0, mentions: ['Jana Novak'] }],
      quotes: [
        {
          text: 'We moved everyone before midnight',
          speaker: 'Jana Novak',
          speakerKind: 'named',
          partial: false,
          sentence: 1,
        },
      ],
    }),
  );
  await add(
    'flood-b',
    tech.id,
    'Tech Daily',
    makeArticle({
      headline: 'Flood sensors warned valley hours early',
      paragraphs: [
        'Low-cost river sensors sent flood warnings to valley towns six hours before the Aller peaked.',
        'Engineers said the network of 40 sensors cost less than one pump.',
      ],
      url: 'https://tech.example/sensors',
      siteName: 'Tech Daily',
      published: '2026-11-20T12:00:00.000Z',
    }),
    makeBite('River sensors warned the valley six hours before the flood peaked.', {
      keyPoints: ['Engineers said the network of 40 sensors cost less than one pump.'],
    }),
  );
  await add(
    'flood-copy',
    tech.id,
    'Tech Daily',
    makeArticle({
      headline: 'River floods northern valley towns',
      paragraphs: [
        'Heavy rain pushed the Aller river over its banks on Monday, flooding three valley towns.',
      ],
      url: 'https://tech.example/floods-copy',
      siteName: 'Tech Daily',
      published: '2026-11-20T09:00:00.000Z',
      original: { publisher: 'World Wire', url: 'https://world.example/floods' },
    }),
  );
  await add(
    'chip',
    tech.id,
    'Tech Daily',
    makeArticle({
      headline: 'Chipmaker opens quantum lab',
      paragraphs: ['The lab in Delft will employ 120 researchers working on error correction.'],
      url: 'https://tech.example/quantum',
      siteName: 'Tech Daily',
      published: '2026-11-21T10:00:00.000Z',
    }),
    makeBite('A chipmaker opened a quantum lab in Delft with 120 researchers.'),
  );
  const storyId = 'story-flood';
  await store.setStoryAssignment(ids['flood-a'], { story: storyId, copyGroup: String(ids['flood-a']) });
  await store.setStoryAssignment(ids['flood-b'], { story: storyId, copyGroup: String(ids['flood-b']) });
  await store.setStoryAssignment(ids['flood-copy'], {
    story: storyId,
    copyGroup: String(ids['flood-a']),
    copyOf: String(ids['flood-a']),
  });
  await store.refreshStories([
    {
      id: storyId,
      headline: 'Floods hit valley towns',
      bite: [
        { text: 'The Aller river flooded three valley towns.', source: String(ids['flood-a']) },
        { text: 'Sensors had warned six hours early.', source: String(ids['flood-b']) },
      ],
    },
  ]);
  return { feeds: { world: world.id, tech: tech.id }, ids, storyId };
}
