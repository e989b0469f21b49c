/** The page frame: landmarks, navigation, the CSRF meta tag for scripts, assets by hash. */
import type { User } from '../../store/reader.js';
import { html, type SafeHtml } from '../html.js';

/**
 * What the templates read from a request: who is signed in, the CSRF token and the URL. A
 * Fastify request is one; a worker thread that renders search pages builds one from these alone.
 */
export interface ViewRequest {
  auth: { user?: Pick<User, 'name'>; csrf: string };
  url: string;
}

/** What the templates read from the server: the static assets' content hashes. */
export interface ViewContext {
  assets: ReadonlyMap<string, { hash: string }>;
}

/** The id of the form that list items' read/star buttons submit (views/pages.ts articleItem). */
export const ITEM_ACTIONS = 'item-actions';

export function asset(ctx: ViewContext, name: string): string {
  const a = ctx.assets.get(name);
  return `/static/${name}${a ? `?v=${a.hash}` : ''}`;
}

export interface PageOptions {
  title: string;
  /** Current nav section, for aria-current. */
  section?: 'stories' | 'articles' | 'starred' | 'search' | 'sources' | 'settings';
  query?: string;
  unread?: number;
}

export function layout(ctx: ViewContext, request: ViewRequest, page: PageOptions, body: SafeHtml): SafeHtml {
  const user = request.auth?.user;
  const nav = (href: string, label: string, section: PageOptions['section']) =>
    html`<li><a href="${href}" ${page.section === section ? html`aria-current="page"` : ''}>${label}</a></li>`;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<meta name="referrer" content="same-origin">
<meta name="csrf-token" content="${request.auth?.csrf ?? ''}">
<title>${page.title} · NewsBite</title>
<link rel="stylesheet" href="${asset(ctx, 'app.css')}">
<link rel="icon" href="${asset(ctx, 'icon.svg')}" type="image/svg+xml">
<script src="${asset(ctx, 'app.js')}" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <a class="brand" href="/">NewsBite</a>
  ${
    user
      ? html`<nav aria-label="Main"><ul>
    ${nav('/', 'Stories', 'stories')}
    ${nav('/articles?view=unread', page.unread !== undefined ? `Unread (${page.unread})` : 'Unread', 'articles')}
    ${nav('/starred', 'Starred', 'starred')}
    ${nav('/sources', 'Sources', 'sources')}
    ${nav('/settings', 'Settings', 'settings')}
  </ul></nav>
  <form class="search" role="search" action="/search" method="get">
    <label for="q" class="visually-hidden">Search</label>
    <input id="q" name="q" type="search" placeholder="Search  ( / )" value="${page.query ?? ''}" autocomplete="off">
  </form>
  <form class="logout" action="/logout" method="post">
    <input type="hidden" name="_csrf" value="${request.auth.csrf}">
    <button type="submit" class="link">Sign out ${user.name}</button>
  </form>`
      : ''
  }
</header>
<main id="main" tabindex="-1">
${body}
</main>
${
  user
    ? html`<form id="${ITEM_ACTIONS}" method="post" action="/" hidden><input type="hidden" name="_csrf" value="${request.auth.csrf}"><input type="hidden" name="back" value="${request.url}"></form>`
    : ''
}
<footer class="bottom"><p>NewsBite · press <kbd>?</kbd> for keyboard shortcuts</p></footer>
<div id="help" class="help" hidden role="dialog" aria-modal="true" aria-labelledby="help-title">
  <h2 id="help-title">Keyboard shortcuts</h2>
  <dl>
    <dt><kbd>j</kbd> / <kbd>k</kbd></dt><dd>next / previous item</dd>
    <dt><kbd>o</kbd> or <kbd>Enter</kbd></dt><dd>open the selected item</dd>
    <dt><kbd>v</kbd></dt><dd>open the original in a new tab</dd>
    <dt><kbd>m</kbd></dt><dd>mark read / unread</dd>
    <dt><kbd>s</kbd></dt><dd>star / unstar</dd>
    <dt><kbd>/</kbd></dt><dd>search</dd>
    <dt><kbd>?</kbd></dt><dd>this help (Esc closes)</dd>
  </dl>
  <button type="button" class="close-help">Close</button>
</div>
</body>
</html>`;
}
