/**
 * A hostile article (script tags, event handlers, javascript: links, SVG payloads in every
 * field) must reach no page as anything executable. The check parses the served HTML.
 */
import { Parser } from 'htmlparser2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArticle, makeBite, signIn, startTestServer, type TestServer } from './helpers.js';

const PAYLOAD = `<script>window.__pwned=1</script><img src=x onerror="window.__pwned=1"><svg onload="window.__pwned=1"></svg><a href="javascript:window.__pwned=1">x</a>"'><iframe src="javascript:1">`;

async function seedHostile(
  server: TestServer,
): Promise<{ articleId: number; storyId: string; feedId: number }> {
  const feed = await server.store.addFeed({ url: 'http://127.0.0.1:9/evil.xml', title: `Evil ${PAYLOAD}` });
  const article = makeArticle({
    headline: `Breaking ${PAYLOAD}`,
    paragraphs: [],
    blocks: [
      { kind: 'paragraph', text: `Body ${PAYLOAD}` },
      { kind: 'heading', level: 2, text: PAYLOAD },
      { kind: 'quote', text: PAYLOAD, cite: PAYLOAD },
      { kind: 'list', ordered: false, items: [PAYLOAD] },
      { kind: 'image', src: 'javascript:window.__pwned=1', alt: PAYLOAD, caption: PAYLOAD },
      { kind: 'image', src: 'https://img.example/a.png" onerror="window.__pwned=1', alt: 'x' },
      { kind: 'table', rows: [[PAYLOAD]], caption: PAYLOAD },
      { kind: 'code', text: PAYLOAD },
    ],
    url: 'javascript:window.__pwned=1',
    siteName: `Site ${PAYLOAD}`,
    published: '2026-11-22T00:00:00.000Z',
    authors: [`Author ${PAYLOAD}`],
    original: { publisher: `Pub ${PAYLOAD}`, url: 'javascript:window.__pwned=1', title: PAYLOAD },
  });
  article.standfirst = `Standfirst ${PAYLOAD}`;
  const bite = makeBite(`Summary ${PAYLOAD}`, {
    keyPoints: [`Point ${PAYLOAD}`],
    entities: [{ name: `Entity ${PAYLOAD}`, type: 'person', count: 1, first: 0, mentions: [PAYLOAD] }],
    quotes: [{ text: PAYLOAD, speaker: PAYLOAD, speakerKind: 'named', partial: false, sentence: 0 }],
  });
  bite.sourcing.note = `Note ${PAYLOAD}`;
  const r = await server.store.upsertEntry({
    feedId: feed.id,
    guid: 'evil',
    contentHash: 'evil',
    article,
    bite,
    sourceName: `Source ${PAYLOAD}`,
  });
  const storyId = `evil-story"><script>window.__pwned=1</script>`;
  await server.store.setStoryAssignment(r.id, { story: storyId, copyGroup: String(r.id) });
  await server.store.refreshStories([
    { id: storyId, headline: `Story ${PAYLOAD}`, bite: [{ text: PAYLOAD, source: String(r.id) }] },
  ]);
  return { articleId: r.id, storyId, feedId: feed.id };
}

/** Everything executable in a document: scripts other than our static file, on* attributes, script URLs, active elements. */
function executableParts(document: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      if (name === 'script' && !(attrs.src ?? '').startsWith('/static/app.js'))
        found.push(`<script ${JSON.stringify(attrs)}>`);
      if (['svg', 'iframe', 'object', 'embed', 'frame', 'math', 'base'].includes(name))
        found.push(`<${name}>`);
      for (const [attr, value] of Object.entries(attrs)) {
        if (attr.startsWith('on')) found.push(`${name}[${attr}]`);
        if (
          ['href', 'src', 'action', 'formaction', 'data', 'xlink:href'].includes(attr) &&
          /^\s*(javascript|vbscript|data):/i.test(value)
        ) {
          found.push(`${name}[${attr}=${value}]`);
        }
      }
    },
  });
  parser.write(document);
  parser.end();
  return found;
}

describe('hostile article', () => {
  let server: TestServer;
  let cookie: string;
  let seeded: Awaited<ReturnType<typeof seedHostile>>;

  beforeAll(async () => {
    server = await startTestServer();
    seeded = await seedHostile(server);
    ({ cookie } = await signIn(server));
  });
  afterAll(async () => server?.close());

  it('the detector itself finds every payload kind in raw markup', () => {
    expect(executableParts(PAYLOAD).length).toBeGreaterThanOrEqual(5);
  });

  it('runs nothing on any page that shows it, and every page carries a strict CSP', async () => {
    const urls = [
      '/',
      `/stories/${encodeURIComponent(seeded.storyId)}`,
      `/articles/${seeded.articleId}`,
      '/articles?view=all',
      `/articles?view=all&feed=${seeded.feedId}`,
      '/search?q=Breaking',
      `/search?q=${encodeURIComponent(PAYLOAD)}`,
      '/sources',
    ];
    for (const url of urls) {
      const res = await server.app.inject({ url, headers: { cookie } });
      expect(res.statusCode, url).toBeLessThan(500);
      expect(executableParts(res.body), url).toEqual([]);
      expect(res.body, url).not.toContain('<script>window.__pwned');
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).not.toContain('unsafe-eval');
    }
  });

  it('shows the hostile text as text', async () => {
    const res = await server.app.inject({ url: `/articles/${seeded.articleId}`, headers: { cookie } });
    expect(res.body).toContain('Breaking &lt;script&gt;window.__pwned=1&lt;/script&gt;');
  });

  it('outgoing feeds escape it too', async () => {
    const user = await server.reader.userByName('alice');
    for (const ext of ['xml', 'atom']) {
      const res = await server.app.inject({
        url: `/feeds/${user!.feed_token}/source/${seeded.feedId}.${ext}`,
      });
      expect(res.statusCode).toBe(200);
      expect(res.body).not.toMatch(/<script|<svg|<iframe/i);
    }
  });
});
