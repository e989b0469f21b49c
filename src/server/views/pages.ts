/** Server-rendered pages. Every value goes through html`` (escaped) unless it is SafeHtml. */
import type { FastifyRequest } from 'fastify';
import type { Bite, Block, OriginalCredit, SummarySentence } from '../../model/index.js';
import { renderHtml } from '../../model/render.js';
import type {
  ArticleDetail,
  ArticleListItem,
  FeedWithCounts,
  SavedSearch,
  StoryListItem,
} from '../../store/reader.js';
import { sourceAdditions } from '../../stories/additions.js';
import type { ServerContext } from '../app.js';
import { builtSafe, href, html, type SafeHtml } from '../html.js';
import { ITEM_ACTIONS, layout, type PageOptions, type ViewContext, type ViewRequest } from './layout.js';

export function parseJson<T>(text: string | null | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** "2026-11-26 18:05 UTC", with the instant in datetime= for scripts and machines. */
export function time(iso: string | null | undefined): SafeHtml {
  if (!iso) return html``;
  // Stored times are already UTC ISO strings: slice instead of parsing (hot path on every list).
  let instant = iso;
  if (!ISO_INSTANT.test(iso)) {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return html``;
    instant = d.toISOString();
  }
  return html`<time datetime="${instant}">${instant.slice(0, 10)} ${instant.slice(11, 16)} UTC</time>`;
}

/** Built once per request: a page can have several forms that carry the token. */
const csrfFields = new WeakMap<ViewRequest, { token: string; field: SafeHtml }>();

function csrfField(request: ViewRequest): SafeHtml {
  const token = request.auth.csrf;
  const known = csrfFields.get(request);
  if (known?.token === token) return known.field;
  const field = html`<input type="hidden" name="_csrf" value="${token}">`;
  csrfFields.set(request, { token, field });
  return field;
}

function summaryOf(bite: string | null): string | undefined {
  const parsed = parseJson<Bite | null>(bite, null);
  const sentences = parsed?.summary?.map((s) => s.text).filter(Boolean);
  return sentences?.length ? sentences.join(' ') : undefined;
}

/**
 * A list item's read and star buttons submit the page's one ITEM_ACTIONS form (in the layout)
 * with their own `formaction` and value: the CSRF token and the way back are written once, not
 * twice per item (a list page was two-thirds forms).
 */
export function articleItem(a: ArticleListItem, options: { showSummary?: boolean } = {}): SafeHtml {
  const summary =
    options.showSummary === false ? undefined : (summaryOf(a.bite) ?? a.standfirst ?? undefined);
  return html`<article class="item${a.read ? ' read' : ''}" data-id="${a.id}" data-url="${href(a.url)}" data-read="${a.read}" data-starred="${a.starred}">
  <h3><a class="open" href="/articles/${a.id}">${a.title || '(untitled)'}</a></h3>
  <p class="meta">${a.source ?? ''} ${time(a.published_at ?? a.fetched_at)}${
    a.copies > 0
      ? html` · <span class="copies">also published ${a.copies} more time${a.copies === 1 ? '' : 's'}</span>`
      : ''
  }${a.story_id ? html` · <a href="/stories/${encodeURIComponent(a.story_id)}">story</a>` : ''}</p>
  ${summary ? html`<p class="summary">${summary}</p>` : ''}
  <div class="actions">
    <button form="${ITEM_ACTIONS}" formaction="/articles/${a.id}/read" name="value" value="${a.read ? '0' : '1'}" data-toggle="read">${a.read ? 'Mark unread' : 'Mark read'}</button>
    <button form="${ITEM_ACTIONS}" formaction="/articles/${a.id}/star" name="value" value="${a.starred ? '0' : '1'}" data-toggle="starred" aria-pressed="${a.starred ? 'true' : 'false'}">${a.starred ? '★ Starred' : '☆ Star'}</button>
  </div>
</article>`;
}

export function frontPage(
  ctx: ServerContext,
  request: FastifyRequest,
  data: { stories: StoryListItem[]; loose: ArticleListItem[]; unread: number; page: number; more: boolean },
): SafeHtml {
  const stories = data.stories.map((s) => {
    const sources = parseJson<string[]>(s.sources, []);
    const bite = parseJson<SummarySentence[]>(s.bite, []);
    return html`<article class="item story" data-url="/stories/${encodeURIComponent(s.id)}">
  <h2><a class="open" href="/stories/${encodeURIComponent(s.id)}">${s.headline}</a></h2>
  <p class="meta">${s.article_count} article${s.article_count === 1 ? '' : 's'} from ${sources.length} source${
    sources.length === 1 ? '' : 's'
  } · ${time(s.first_at)}${s.last_at && s.last_at !== s.first_at ? html` – ${time(s.last_at)}` : ''}${
    s.unread > 0 ? html` · <strong class="unread">${s.unread} unread</strong>` : ''
  }</p>
  ${bite.length ? html`<p class="summary">${bite.map((b) => b.text).join(' ')}</p>` : ''}
  ${sources.length ? html`<p class="sources">${sources.slice(0, 8).join(' · ')}${sources.length > 8 ? ' …' : ''}</p>` : ''}
</article>`;
  });
  const loose = data.loose.length
    ? html`<section aria-labelledby="latest"><h2 id="latest">Latest articles</h2>${data.loose.map((a) => articleItem(a))}</section>`
    : '';
  const empty =
    !data.stories.length && !data.loose.length
      ? html`<p class="empty">Nothing to read yet. <a href="/sources">Add a source</a> and NewsBite will fetch it in the background.</p>`
      : '';
  const pager = html`<nav class="pager" aria-label="Pages">${
    data.page > 1 ? html`<a href="/?page=${data.page - 1}" rel="prev">Newer</a>` : ''
  } ${data.more ? html`<a href="/?page=${data.page + 1}" rel="next">Older</a>` : ''}</nav>`;
  return layout(
    ctx,
    request,
    { title: 'Stories', section: 'stories', unread: data.unread },
    html`<h1>Stories</h1>
<form method="post" action="/mark-all-read" class="inline">${csrfField(request)}<button type="submit">Mark all read</button></form>
<div class="list" id="list">${stories}</div>${loose}${empty}${pager}`,
  );
}

/**
 * "What each source adds", from the stories stage: sentences with a fact that only one publisher
 * has, keyed by the article they come from.
 */
export function whatEachAdds(
  articles: { id: number; source: string | null; text: string }[],
): Map<number, string[]> {
  const out = new Map<number, string[]>();
  const additions = sourceAdditions(
    articles.map((a) => ({ id: String(a.id), source: a.source ?? String(a.id), text: a.text })),
    2,
  );
  for (const addition of additions) {
    if (addition.sentences.length) out.set(Number(addition.article), addition.sentences);
  }
  return out;
}

export function storyPage(
  ctx: ServerContext,
  request: FastifyRequest,
  story: {
    id: string;
    headline: string;
    first_at: string | null;
    last_at: string | null;
    bite: string | null;
    sources: string;
  },
  articles: (ArticleListItem & { text?: string })[],
  adds: Map<number, string[]>,
): SafeHtml {
  const bite = parseJson<SummarySentence[]>(story.bite, []);
  const byId = new Map(articles.map((a) => [String(a.id), a]));
  const credit = (s: SummarySentence) => {
    const a = s.source ? byId.get(s.source) : undefined;
    return a ? html` <a class="credit" href="/articles/${a.id}">(${a.source ?? 'source'})</a>` : '';
  };
  const reps = articles.filter((a) => !a.copy_of);
  const copies = articles.filter((a) => a.copy_of);
  return layout(
    ctx,
    request,
    { title: story.headline, section: 'stories' },
    html`<article class="story-page">
<h1>${story.headline}</h1>
<p class="meta">${articles.length} articles · ${time(story.first_at)} – ${time(story.last_at)}</p>
${
  bite.length
    ? html`<section aria-labelledby="bite"><h2 id="bite">The story so far</h2><ul class="bite">${bite.map(
        (s) => html`<li>${s.text}${credit(s)}</li>`,
      )}</ul></section>`
    : ''
}
<section aria-labelledby="timeline"><h2 id="timeline">Timeline and sources</h2>
<ol class="timeline list" id="list">${reps.map((a) => {
      const extra = adds.get(a.id) ?? [];
      return html`<li>${articleItem(a, { showSummary: true })}${
        extra.length
          ? html`<div class="adds"><strong>Only here:</strong><ul>${extra.map((t) => html`<li>${t}</li>`)}</ul></div>`
          : ''
      }</li>`;
    })}</ol></section>
${
  copies.length
    ? html`<section aria-labelledby="copies"><h2 id="copies">Copies (folded)</h2><ul>${copies.map(
        (c) => html`<li><a href="/articles/${c.id}">${c.source ?? c.title}</a> ${time(c.published_at)}</li>`,
      )}</ul></section>`
    : ''
}
<form method="post" action="/mark-all-read" class="inline">${csrfField(request)}<input type="hidden" name="story" value="${story.id}">
<button type="submit">Mark story read</button></form>
</article>`,
  );
}

export function articlePage(
  ctx: ServerContext,
  request: FastifyRequest,
  a: ArticleDetail,
  copies: ArticleListItem[],
): SafeHtml {
  const bite = parseJson<Bite | null>(a.bite, null);
  const original = parseJson<OriginalCredit | null>(a.original, null);
  const authors = parseJson<string[]>(a.authors, []);
  const blocks = parseJson<Block[]>(a.blocks, []);
  // Rendered from blocks by the model, which escapes every text and allows only http(s) images.
  const body = builtSafe(renderHtml(blocks));
  return layout(
    ctx,
    request,
    { title: a.title ?? 'Article' },
    html`<article class="article" data-id="${a.id}" data-url="${href(a.url)}" data-read="${a.read}" data-starred="${a.starred}">
<header>
  <h1>${a.title ?? '(untitled)'}</h1>
  ${a.standfirst ? html`<p class="standfirst">${a.standfirst}</p>` : ''}
  <p class="meta">${a.source ?? a.site_name ?? ''}${authors.length ? html` · by ${authors.join(', ')}` : ''} · ${time(a.published_at ?? a.fetched_at)}
  ${a.story_id ? html` · <a href="/stories/${encodeURIComponent(a.story_id)}">the whole story</a>` : ''}</p>
  <div class="actions">
    ${a.url ? html`<a class="original" href="${href(a.url)}" rel="noopener noreferrer" target="_blank">Read the original</a>` : ''}
    <form method="post" action="/articles/${a.id}/star" class="js-toggle" data-toggle="starred">${csrfField(request)}
      <input type="hidden" name="value" value="${a.starred ? '0' : '1'}"><input type="hidden" name="back" value="/articles/${a.id}">
      <button type="submit" aria-pressed="${a.starred ? 'true' : 'false'}">${a.starred ? '★ Starred' : '☆ Star'}</button></form>
    <form method="post" action="/articles/${a.id}/read" class="js-toggle" data-toggle="read">${csrfField(request)}
      <input type="hidden" name="value" value="${a.read ? '0' : '1'}"><input type="hidden" name="back" value="/articles/${a.id}">
      <button type="submit">${a.read ? 'Mark unread' : 'Mark read'}</button></form>
  </div>
</header>
${
  bite
    ? html`<aside class="bite" aria-labelledby="bite-title"><h2 id="bite-title">Bite</h2>
  ${bite.summary?.length ? html`<p class="summary">${bite.summary.map((s) => s.text).join(' ')}</p>` : ''}
  ${bite.keyPoints?.length ? html`<h3>Key points</h3><ul>${bite.keyPoints.map((k) => html`<li>${k}</li>`)}</ul>` : ''}
  ${
    bite.entities?.length
      ? html`<h3>Who and what</h3><ul class="entities">${bite.entities
          .slice(0, 12)
          .map(
            (e) =>
              html`<li><a href="/search?q=${encodeURIComponent(`entity:"${e.name}"`)}">${e.name}</a> <small>${e.type}</small></li>`,
          )}</ul>`
      : ''
  }
  ${
    bite.quotes?.length
      ? html`<h3>Quotes</h3><ul class="quotes">${bite.quotes
          .slice(0, 6)
          .map((q) => html`<li><q>${q.text}</q>${q.speaker ? html` — ${q.speaker}` : ''}</li>`)}</ul>`
      : ''
  }
  ${bite.sourcing?.note ? html`<h3>Sourcing</h3><p class="sourcing">${bite.sourcing.note}</p>` : ''}
</aside>`
    : ''
}
<div class="body">${body}</div>
${
  original
    ? html`<p class="credit">Originally published by ${
        original.url
          ? html`<a href="${href(original.url)}" rel="noopener noreferrer">${original.publisher ?? original.url}</a>`
          : (original.publisher ?? 'another publication')
      }${original.title ? html`: “${original.title}”` : ''}</p>`
    : ''
}
${
  copies.length
    ? html`<section aria-labelledby="copies"><h2 id="copies">Also published by</h2><ul>${copies.map(
        (c) =>
          html`<li><a href="/articles/${c.id}">${c.source ?? c.title}</a> ${time(c.published_at)}${c.copy_of ? '' : ' (original)'}</li>`,
      )}</ul></section>`
    : ''
}
</article>`,
  );
}

export function listPage(
  ctx: ViewContext,
  request: ViewRequest,
  options: PageOptions & {
    heading: string;
    intro?: SafeHtml;
    items: ArticleListItem[];
    next?: string;
    markAll?: Record<string, string>;
    markOnScroll?: boolean;
  },
): SafeHtml {
  return layout(
    ctx,
    request,
    options,
    html`<h1>${options.heading}</h1>${options.intro ?? ''}
${
  options.markAll
    ? html`<form method="post" action="/mark-all-read" class="inline">${csrfField(request)}${Object.entries(
        options.markAll,
      ).map(
        ([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`,
      )}<button type="submit">Mark all read</button></form>`
    : ''
}
<div class="list" id="list" ${options.markOnScroll ? html`data-mark-on-scroll="1"` : ''}>${options.items.map((a) => articleItem(a))}</div>
${options.items.length ? '' : html`<p class="empty">No articles.</p>`}
${options.next ? html`<nav class="pager" aria-label="Pages"><a href="${options.next}" rel="next">Older</a></nav>` : ''}`,
  );
}

export function searchIntro(
  request: ViewRequest,
  q: string,
  saved: SavedSearch[],
  error: string | undefined,
  feedUrl: string | undefined,
): SafeHtml {
  return html`${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<details class="syntax"><summary>Query language</summary>
<p><code>words</code> all match · <code>"a phrase"</code> · <code>-word</code> excludes · <code>a OR b</code> ·
<code>intitle:</code> <code>author:</code> <code>source:</code> <code>entity:</code> · <code>before:2026-01-31</code>
<code>after:7d</code> · <code>is:unread</code> <code>is:starred</code> · <code>elect*</code> prefix</p></details>
${
  q && !error
    ? html`<form method="post" action="/searches" class="inline">${csrfField(request)}<input type="hidden" name="query" value="${q}">
<label for="save-name">Save as</label> <input id="save-name" name="name" value="${q}" required maxlength="200">
<button type="submit">Save search</button></form>`
    : ''
}
${feedUrl ? html`<p class="feedlink">Feed of this saved search: <a href="${feedUrl}">${feedUrl}</a></p>` : ''}
${
  saved.length
    ? html`<section aria-labelledby="saved"><h2 id="saved">Saved searches</h2><ul class="saved">${saved.map(
        (s) => html`<li><a href="/search?q=${encodeURIComponent(s.query)}&amp;saved=${s.id}">${s.name}</a>
<form method="post" action="/searches/${s.id}/delete" class="inline">${csrfField(request)}<button type="submit" class="link">delete</button></form></li>`,
      )}</ul></section>`
    : ''
}`;
}

export function sourcesPage(
  ctx: ServerContext,
  request: FastifyRequest,
  data: {
    feeds: FeedWithCounts[];
    message?: string;
    results?: { url: string; ok: boolean; message: string }[];
    feedToken: string;
    canAdd: boolean;
  },
): SafeHtml {
  const base = ctx.baseUrl(request);
  return layout(
    ctx,
    request,
    { title: 'Sources', section: 'sources' },
    html`<h1>Sources</h1>
${data.message ? html`<p class="notice" role="status">${data.message}</p>` : ''}
${
  data.results?.length
    ? html`<section aria-labelledby="results"><h2 id="results">Import results</h2><ul class="results">${data.results.map(
        (r) => html`<li class="${r.ok ? 'ok' : 'failed'}">${r.ok ? '✓' : '✗'} ${r.url} — ${r.message}</li>`,
      )}</ul></section>`
    : ''
}
${
  data.canAdd
    ? html`<section aria-labelledby="add"><h2 id="add">Add a source</h2>
<form method="post" action="/sources" class="stack">${csrfField(request)}
<label for="url">Site or feed URL</label>
<input id="url" name="url" type="url" required placeholder="https://example.com/ or https://example.com/feed.xml">
<label for="folder">Folder (optional)</label><input id="folder" name="folder" maxlength="100">
<button type="submit">Add</button></form>
<h2>Import OPML</h2>
<form method="post" action="/sources/import" class="stack">${csrfField(request)}
<label for="opml-file">OPML file</label><input id="opml-file" type="file" accept=".opml,.xml,text/xml" class="js-opml-file">
<label for="opml">or paste OPML</label><textarea id="opml" name="opml" rows="4" required></textarea>
<button type="submit">Import</button></form></section>`
    : ''
}
<p><a href="/sources/export.opml" download>Export OPML</a></p>
<section aria-labelledby="feeds"><h2 id="feeds">Your feeds (${data.feeds.length})</h2>
<table class="feeds"><thead><tr><th scope="col">Feed</th><th scope="col">Unread</th><th scope="col">Status</th><th scope="col">Interval</th><th scope="col">Settings</th></tr></thead><tbody>
${data.feeds.map(
  (f) => html`<tr>
<td><a href="/articles?feed=${f.id}">${f.title ?? f.url}</a><br><small>${f.url}</small>${f.folder ? html`<br><small>Folder: ${f.folder}</small>` : ''}
<br><small><a href="${base}/feeds/${data.feedToken}/source/${f.id}.xml">RSS</a> · <a href="${base}/feeds/${data.feedToken}/source/${f.id}.atom">Atom</a> · <a href="${base}/feeds/${data.feedToken}/source/${f.id}.json">JSON Feed</a></small></td>
<td>${f.unread} / ${f.total}</td>
<td>${f.paused ? 'paused' : f.error_count > 0 ? html`<span class="error">error ×${f.error_count}</span>` : 'ok'}${
    f.last_error ? html`<br><small class="error">${f.last_error}</small>` : ''
  }<br><small>last poll ${f.last_polled_at ? time(f.last_polled_at) : 'never'}</small></td>
<td>${Math.round(f.interval_sec / 60)} min</td>
<td><form method="post" action="/sources/${f.id}" class="stack small">${csrfField(request)}
<label><input type="checkbox" name="paused" value="1" ${f.paused ? html`checked` : ''}> paused</label>
<label for="ft-${f.id}">Full text</label><select id="ft-${f.id}" name="full_text">${[
    'auto',
    'always',
    'never',
  ].map((m) => html`<option value="${m}" ${f.full_text === m ? html`selected` : ''}>${m}</option>`)}</select>
<button type="submit">Save</button></form>
<form method="post" action="/sources/${f.id}/unsubscribe" class="inline">${csrfField(request)}<button type="submit" class="link">Unsubscribe</button></form></td>
</tr>`,
)}
</tbody></table></section>`,
  );
}

export function authPage(
  ctx: ServerContext,
  request: FastifyRequest,
  mode: 'login' | 'setup',
  error?: string,
): SafeHtml {
  const setup = mode === 'setup';
  return layout(
    ctx,
    request,
    { title: setup ? 'Create the admin account' : 'Sign in' },
    html`<section class="auth"><h1>${setup ? 'Create the admin account' : 'Sign in'}</h1>
${setup ? html`<p>No account exists yet. The first account is the administrator.</p>` : ''}
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/${mode}" class="stack">${csrfField(request)}
<label for="name">User name</label><input id="name" name="name" autocomplete="username" required maxlength="64">
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="${
      setup ? 'new-password' : 'current-password'
    }" required ${setup ? html`minlength="8"` : ''}>
<button type="submit">${setup ? 'Create account' : 'Sign in'}</button></form></section>`,
  );
}

export function settingsPage(
  ctx: ServerContext,
  request: FastifyRequest,
  data: {
    tokens: { id: number; name: string; kind: string; created_at: string; last_used_at: string | null }[];
    newToken?: string;
    message?: string;
    feverEnabled: boolean;
  },
): SafeHtml {
  const user = request.auth.user!;
  const base = ctx.baseUrl(request);
  return layout(
    ctx,
    request,
    { title: 'Settings', section: 'settings' },
    html`<h1>Settings</h1>
${data.message ? html`<p class="notice" role="status">${data.message}</p>` : ''}
${data.newToken ? html`<p class="notice" role="status">New token (shown once): <code class="token">${data.newToken}</code></p>` : ''}
<section aria-labelledby="apps"><h2 id="apps">Apps</h2>
<p>Google Reader API (FeedHQ / Reeder / NetNewsWire / newsboat): server <code>${base}</code>, your user name and password.</p>
<p>Fever API: <code>${base}/fever/</code> — ${data.feverEnabled ? 'enabled' : 'set a Fever password below to enable'}.</p>
<form method="post" action="/settings/fever" class="stack">${csrfField(request)}
<label for="fever">Fever password</label><input id="fever" name="password" type="password" autocomplete="new-password" required minlength="8">
<button type="submit">Set Fever password</button></form>
<p>Starred articles as a feed: <a href="${base}/feeds/${user.feed_token}/starred.xml">RSS</a> ·
<a href="${base}/feeds/${user.feed_token}/starred.atom">Atom</a> · <a href="${base}/feeds/${user.feed_token}/starred.json">JSON Feed</a></p>
<form method="post" action="/settings/feed-token" class="inline">${csrfField(request)}<button type="submit">Change the secret in feed URLs</button></form>
</section>
<section aria-labelledby="tokens"><h2 id="tokens">API tokens</h2>
<p>REST API: <a href="/api/openapi.json">/api/openapi.json</a>, header <code>Authorization: Bearer TOKEN</code>.</p>
<ul>${data.tokens
      .filter((t) => t.kind === 'api')
      .map(
        (
          t,
        ) => html`<li>${t.name} — created ${time(t.created_at)}${t.last_used_at ? html`, used ${time(t.last_used_at)}` : ''}
<form method="post" action="/settings/tokens/${t.id}/delete" class="inline">${csrfField(request)}<button type="submit" class="link">revoke</button></form></li>`,
      )}</ul>
<form method="post" action="/settings/tokens" class="inline">${csrfField(request)}<label for="token-name">Name</label>
<input id="token-name" name="name" required maxlength="100"><button type="submit">Create token</button></form></section>
<section aria-labelledby="pw"><h2 id="pw">Password</h2>
<form method="post" action="/settings/password" class="stack">${csrfField(request)}
<label for="current">Current password</label><input id="current" name="current" type="password" autocomplete="current-password" required>
<label for="new">New password</label><input id="new" name="password" type="password" autocomplete="new-password" required minlength="8">
<button type="submit">Change password</button></form></section>`,
  );
}

export function errorPage(
  ctx: ServerContext,
  request: FastifyRequest,
  status: number,
  message: string,
): SafeHtml {
  return layout(
    ctx,
    request,
    { title: `Error ${status}` },
    html`<h1>${status === 404 ? 'Not found' : `Error ${status}`}</h1><p>${message}</p><p><a href="/">Back to the front page</a></p>`,
  );
}
