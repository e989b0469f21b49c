/**
 * The reader in a real browser: Debian's chromium driven by playwright-core against
 * `startServer` on a temp database, with feeds served from a local server on 127.0.0.1.
 * Covers: first-run setup, adding a feed by its site URL (discovery), the story on the front
 * page, the article page, search, starring, the keyboard, and a hostile feed entry that must
 * run nothing. With NEWSBITE_SCREENSHOTS=1, screenshots of the main pages are written to
 * docs/screenshots/ (off by default, so a test run leaves the working tree clean).
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig } from '../../src/config.js';
import { type RunningServer, startServer } from '../../src/server/serve.js';
import { ReaderStore } from '../../src/store/reader.js';
import { type FeedServer, startFeedServer } from '../server/feed-server.js';

const CHROMIUM = '/usr/bin/chromium';
const AXE_SOURCE = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}
/** Screenshots for the docs only when asked for: `NEWSBITE_SCREENSHOTS=1 npx vitest run test/browser`. */
const WRITE_SCREENSHOTS = process.env.NEWSBITE_SCREENSHOTS === '1';
const SCREENSHOTS = path.join(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  'docs',
  'screenshots',
);

describe('reader in chromium', () => {
  let feeds: FeedServer;
  let server: RunningServer;
  let context: BrowserContext;
  let page: Page;
  let dataDir: string;
  let profileDir: string;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const cspViolations: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(CHROMIUM))
      throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does)`);
    feeds = await startFeedServer();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-browser-'));
    profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsbite-chromium-'));
    const config = { ...defaultConfig({}), dataDir, host: '127.0.0.1', port: 0, logLevel: 'silent' as const };
    config.fetch.allowPrivate = ['127.0.0.1'];
    config.fetch.retries = 0;
    server = await startServer(config);
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
      viewport: { width: 1100, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      dialog.dismiss().catch(() => undefined);
    });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    if (WRITE_SCREENSHOTS) fs.mkdirSync(SCREENSHOTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await server?.close();
    await feeds?.close();
    for (const dir of [dataDir, profileDir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  // Without NEWSBITE_SCREENSHOTS=1 the page is still rendered to an image (the same step can
  // fail), just not written to docs/.
  const shot = (name: string) =>
    page.screenshot(
      WRITE_SCREENSHOTS ? { path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false } : {},
    );

  it('creates the admin on first run', async () => {
    await page.goto(server.url);
    expect(page.url()).toContain('/setup');
    await page.getByLabel('User name').fill('admin');
    await page.getByLabel('Password').fill('a long password');
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL(/\/sources$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Sources', level: 1 }).count()).toBe(1);
  });

  it('adds feeds by site URL (discovery) and by feed URL, and their articles arrive', async () => {
    await page.getByLabel('Site or feed URL').fill(`${feeds.url}/site.html`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Added Valley Courier');
    await page.getByLabel('Site or feed URL').fill(`${feeds.url}/tech.xml`);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Added Tech Daily');
    const reader = new ReaderStore(server.store.db as never);
    const user = (await reader.userByName('admin'))!;
    await expect
      .poll(async () => reader.countArticles(user.id, { includeCopies: true }), {
        timeout: 30_000,
        interval: 250,
      })
      .toBeGreaterThanOrEqual(4);
    await page.reload();
    await expect.poll(() => page.locator('table.feeds tbody tr').count()).toBe(2);
    await shot('sources');
  });

  it('imports OPML with a result per feed: known, dead, and a folder kept', async () => {
    await page.goto(`${server.url}/sources`);
    const opml = `<?xml version="1.0"?><opml version="2.0"><body>
<outline text="Known" xmlUrl="${feeds.url}/tech.xml"/>
<outline text="Local"><outline text="Dead" xmlUrl="${feeds.url}/missing.xml"/></outline>
</body></opml>`;
    await page.getByLabel('or paste OPML').fill(opml);
    await page.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => page.locator('.notice').textContent()).toContain('Imported 1 of 2 feeds.');
    const results = await page.locator('ul.results li').allTextContents();
    expect(results).toHaveLength(2);
    expect(results[0]).toContain('✓');
    expect(results[0]).toContain('already subscribed');
    expect(results[1]).toContain('✗');
    expect(results[1]).toContain('404');
    // The dead feed is kept (with its error) in its folder, like every other reader does.
    const rows = await page.locator('table.feeds tbody tr').allTextContents();
    expect(rows.find((r) => r.includes('missing.xml'))).toContain('Folder: Local');
  });

  it('shows the flood story on the front page and opens its story page', async () => {
    await page.goto(server.url);
    const story = page.locator('article.story', { hasText: /Aller|flood/i }).first();
    const stories = await page.locator('article.story').count();
    if (stories > 0) {
      await expect.poll(() => story.isVisible()).toBe(true);
      await shot('front-page');
      await story.locator('a.open').click();
      await page.waitForURL(/\/stories\//);
      await expect.poll(() => page.locator('h2#timeline').count()).toBe(1);
      await shot('story');
    } else {
      // Without the story engine every article is listed on its own under "Latest articles".
      await expect
        .poll(() => page.getByRole('link', { name: /River Aller floods three valley towns/ }).count())
        .toBe(1);
      await shot('front-page');
    }
  });

  it('opens an article with its clean text and a link to the original', async () => {
    await page.goto(`${server.url}/search?q=${encodeURIComponent('"Jana Novak"')}`);
    await page.getByRole('link', { name: 'River Aller floods three valley towns' }).click();
    await page.waitForURL(/\/articles\/\d+$/);
    await expect
      .poll(() => page.locator('.body').textContent())
      .toContain('400 residents were moved to the school gym');
    expect(await page.getByRole('link', { name: 'Read the original' }).getAttribute('href')).toBe(
      `${feeds.url}/floods.html`,
    );
    // The GET changes nothing; the page's script marks the opened article read with a POST.
    await expect.poll(() => page.locator('article.article').getAttribute('data-read')).toBe('1');
    await expect
      .poll(() => page.locator('article.article form[data-toggle="read"] button').textContent())
      .toBe('Mark unread');
    await shot('article');
  });

  it('searches with the query language', async () => {
    await page.goto(server.url);
    await page.keyboard.press('/');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('q');
    await page.keyboard.type('bridge -flood');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/search\?q=/);
    await expect.poll(() => page.locator('#list .item').count()).toBe(1);
    expect(await page.locator('#list .item h3').textContent()).toContain('cycle bridge');
    await shot('search');
  });

  it('stars with the button (no page load) and with the keyboard, then lists starred', async () => {
    await page.goto(`${server.url}/articles?view=all`);
    const first = page.locator('#list .item').first();
    const title = (await first.locator('h3').textContent())?.trim() ?? '';
    const url = page.url();
    await first.getByRole('button', { name: '☆ Star' }).click();
    await expect.poll(() => first.getByRole('button', { name: '★ Starred' }).count()).toBe(1);
    expect(page.url()).toBe(url);
    // Keyboard: j selects the second item, s stars it, ? opens the help.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect.poll(() => page.locator('#list .item.selected').count()).toBe(1);
    const second = page.locator('#list .item.selected');
    const secondTitle = (await second.locator('h3').textContent())?.trim() ?? '';
    expect(await second.getAttribute('data-starred')).toBe('0');
    await page.keyboard.press('s');
    await expect.poll(() => second.getAttribute('data-starred')).toBe('1');
    const wasRead = await second.getAttribute('data-read');
    await page.keyboard.press('m');
    await expect.poll(() => second.getAttribute('data-read')).toBe(wasRead === '1' ? '0' : '1');
    await page.keyboard.press('?');
    await expect.poll(() => page.locator('#help').isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => page.locator('#help').isVisible()).toBe(false);
    await page.goto(`${server.url}/starred`);
    const starred = await page.locator('#list .item h3').allTextContents();
    expect(starred.map((t) => t.trim()).sort()).toEqual([title, secondTitle].sort());
    // o opens the selected item.
    await page.keyboard.press('j');
    await page.keyboard.press('o');
    await page.waitForURL(/\/articles\/\d+$/);
  });

  it('marks read and stars without JavaScript: the buttons post the page form and come back', async () => {
    await page.route('**/static/app.js*', (route) => route.abort());
    try {
      await page.goto(`${server.url}/articles?view=all`);
      const item = page.locator('#list .item').nth(2);
      const id = await item.getAttribute('data-id');
      const same = page.locator(`#list .item[data-id="${id}"]`);
      for (const [kind, on, off] of [
        ['read', 'Mark unread', 'Mark read'],
        ['starred', '★ Starred', '☆ Star'],
      ]) {
        const was = await same.getAttribute(`data-${kind}`);
        await same.getByRole('button', { name: was === '1' ? on : off, exact: true }).click();
        await expect.poll(() => same.getAttribute(`data-${kind}`)).toBe(was === '1' ? '0' : '1');
        expect(page.url()).toBe(`${server.url}/articles?view=all`);
        await same.getByRole('button', { name: was === '1' ? off : on, exact: true }).click();
        await expect.poll(() => same.getAttribute(`data-${kind}`)).toBe(was);
      }
    } finally {
      await page.unroute('**/static/app.js*');
    }
  });

  it('runs nothing from the hostile entry', async () => {
    await page.goto(`${server.url}/search?q=Hostile`);
    const link = page.locator('#list .item a.open').first();
    await expect.poll(() => link.count()).toBe(1);
    await link.click();
    await page.waitForURL(/\/articles\/\d+$/);
    await expect.poll(() => page.locator('.body').textContent()).toContain('Evil body');
    await page.locator('.body a').evaluateAll((links) => {
      for (const a of links) (a as HTMLAnchorElement).click();
    });
    await page.goto(`${server.url}/articles?view=all`);
    await page.goto(server.url);
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned);
    expect(pwned).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('has no serious or critical axe-core violations on the main pages', async () => {
    const reader = new ReaderStore(server.store.db as never);
    const user = (await reader.userByName('admin'))!;
    const [first] = await reader.articles(user.id, { limit: 1, includeCopies: true });
    const urls = [
      '/',
      '/sources',
      '/search?q=flood',
      '/starred',
      '/settings',
      `/articles/${first.id}`,
      '/articles?view=all',
    ];
    const found: string[] = [];
    for (const url of urls) {
      await page.goto(`${server.url}${url}`);
      // Evaluated through the DevTools protocol, so the page's CSP (no inline scripts) stays on.
      await page.evaluate(AXE_SOURCE);
      const { violations, passes } = await page.evaluate(async () => {
        const axe = (
          window as unknown as { axe: { run(): Promise<{ violations: AxeViolation[]; passes: unknown[] }> } }
        ).axe;
        const result = await axe.run();
        return { violations: result.violations, passes: result.passes.length };
      });
      // axe really ran its rules on this page.
      expect(passes, url).toBeGreaterThan(10);
      for (const v of violations) {
        if (v.impact === 'serious' || v.impact === 'critical')
          found.push(`${url}: ${v.id} (${v.help}) at ${JSON.stringify(v.nodes[0]?.target)}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('renders a mobile layout and dark mode', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(server.url);
    const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(bg).toBe('rgb(22, 24, 27)');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth + 1);
    expect(overflow).toBe(false);
    await shot('front-page-mobile-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1100, height: 900 });
    expect(cspViolations).toEqual([]);
  });
});
