/**
 * A real client: newsboat (Debian package; .ci/run installs it) reads NewsBite through its
 * FeedHQ mode (Google Reader API: ClientLogin, subscription/list, /reader/atom streams) and
 * through a plain outgoing feed URL, headless with `-x reload print-unread`.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { createUser } from '../../src/server/routes/pages.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { ReaderStore, type User } from '../../src/store/reader.js';
import { type Seeded, seed } from './helpers.js';

const run = promisify(execFile);

describe('newsboat reads NewsBite', () => {
  let server: RunningServer;
  let reader: ReaderStore;
  let seeded: Seeded;
  let user: User;
  let home: string;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-newsboat-'));
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-newsboat-home-'));
    server = await startServer(
      { ...defaultConfig({}), dataDir, host: '127.0.0.1', port: 0, logLevel: 'silent' },
      { poll: false },
    );
    reader = new ReaderStore(server.store.db as never);
    seeded = await seed(server.store);
    user = await createUser({ reader }, 'reader1', 'newsboat-password', true);
  });

  afterAll(async () => {
    await server?.close();
    for (const dir of [dataDir, home]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Runs newsboat headless (async: the server answers from this same process). */
  async function unread(name: string, config: string, urls: string): Promise<number> {
    const file = (ext: string) => path.join(home, `${name}.${ext}`);
    fs.writeFileSync(file('config'), config);
    fs.writeFileSync(file('urls'), urls);
    const { stdout } = await run(
      'newsboat',
      ['-C', file('config'), '-u', file('urls'), '-c', file('cache.db'), '-x', 'reload', 'print-unread'],
      { env: { ...process.env, HOME: home }, timeout: 60_000 },
    );
    const m = /(\d+) unread articles?/.exec(stdout);
    if (!m) throw new Error(`newsboat printed no unread count: ${stdout}`);
    return Number(m[1]);
  }

  const feedhq = () =>
    `urls-source "feedhq"\nfeedhq-url "${server.url}"\nfeedhq-login "reader1"\nfeedhq-password "newsboat-password"\nfeedhq-min-items 50\n`;

  it('in FeedHQ mode counts what NewsBite has unread, and follows read state set elsewhere', async () => {
    // 4 articles across 2 subscriptions (every item, copies included, as the API syncs them).
    await reader.markRead(user.id, [seeded.ids.chip]);
    expect(await unread('feedhq1', feedhq(), '')).toBe(3);
    await reader.markRead(user.id, [seeded.ids['flood-b']]);
    expect(await unread('feedhq2', feedhq(), '')).toBe(2);
  });

  it('through a plain outgoing feed URL counts the items of that source', async () => {
    const url = `${server.url}/feeds/${user.feed_token}/source/${seeded.feeds.tech}.xml`;
    // Tech Daily has three articles, one a copy of World Wire's: outgoing feeds fold copies.
    expect(await unread('plain-tech', '', `${url}\n`)).toBe(2);
    const world = `${server.url}/feeds/${user.feed_token}/source/${seeded.feeds.world}.atom`;
    expect(await unread('plain-world', '', `${world}\n`)).toBe(1);
  });

  it('a wrong password logs in to nothing', async () => {
    const bad = feedhq().replace('newsboat-password', 'wrong-password');
    expect(await unread('feedhq-bad', bad, '').catch(() => 0)).toBe(0);
  });
});
