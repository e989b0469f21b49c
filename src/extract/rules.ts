import type { RemovalReason } from '../model/index.js';
/**
 * Every selector, keyword list and threshold the extractor uses, in one place, as data.
 * Each heuristic is named; `docs/extract.md` and `src/extract/README.md` say where the numbers
 * came from (tuned on the dev set, checked against general news-page structure).
 */

/** Elements whose content is never article text; dropped while the tree is built. */
export const SKIPPED_TAGS = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'iframe',
  'object',
  'canvas',
  'video',
  'audio',
  'map',
  'select',
  'textarea',
  'button',
  'input',
  'option',
  'datalist',
  'link',
  'meta',
  'title',
]);

/** Elements that end an inline run of text (a paragraph boundary). */
export const BLOCK_TAGS = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'dir',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hgroup',
  'hr',
  'html',
  'li',
  'main',
  'menu',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
  'caption',
  'legend',
  'frameset',
  'frame',
]);

/** Structural elements that are page furniture wherever they appear. */
export const FURNITURE_TAGS: Record<string, RemovalTag> = {
  nav: 'navigation',
  aside: 'related-links',
  footer: 'boilerplate',
  form: 'boilerplate',
  menu: 'navigation',
  dialog: 'boilerplate',
};

/** The removal reasons (model/article) that furniture rules assign. */
type RemovalTag = Extract<
  RemovalReason,
  | 'navigation'
  | 'related-links'
  | 'share-bar'
  | 'comments'
  | 'newsletter'
  | 'caption'
  | 'credit'
  | 'byline'
  | 'dateline'
  | 'boilerplate'
  | 'hidden'
>;
/**
 * Class/id words that mark furniture, matched against the words of `class` and `id`
 * (split on `-`, `_`, space and camelCase). Whole words only, so "commentary" or "shared"
 * do not match "comment" / "share".
 */
export const FURNITURE_WORDS: Record<string, RemovalTag> = {
  nav: 'navigation',
  navbar: 'navigation',
  navigation: 'navigation',
  menu: 'navigation',
  breadcrumb: 'navigation',
  breadcrumbs: 'navigation',
  pagination: 'navigation',
  pager: 'navigation',
  masthead: 'navigation',
  topbar: 'navigation',
  skip: 'navigation',
  sidebar: 'related-links',
  sidebox: 'related-links',
  related: 'related-links',
  recommended: 'related-links',
  recommendations: 'related-links',
  recirc: 'related-links',
  recirculation: 'related-links',
  outbrain: 'related-links',
  taboola: 'related-links',
  trending: 'related-links',
  popular: 'related-links',
  mostread: 'related-links',
  mostpopular: 'related-links',
  teaser: 'related-links',
  teasers: 'related-links',
  morestories: 'related-links',
  readmore: 'related-links',
  widget: 'related-links',
  share: 'share-bar',
  sharing: 'share-bar',
  sharebar: 'share-bar',
  social: 'share-bar',
  socials: 'share-bar',
  sociallinks: 'share-bar',
  addthis: 'share-bar',
  sharethis: 'share-bar',
  print: 'share-bar',
  comment: 'comments',
  comments: 'comments',
  disqus: 'comments',
  respond: 'comments',
  replies: 'comments',
  newsletter: 'newsletter',
  subscribe: 'newsletter',
  subscription: 'newsletter',
  signup: 'newsletter',
  promo: 'boilerplate',
  advert: 'boilerplate',
  advertisement: 'boilerplate',
  ad: 'boilerplate',
  ads: 'boilerplate',
  adslot: 'boilerplate',
  adunit: 'boilerplate',
  dfp: 'boilerplate',
  gpt: 'boilerplate',
  sponsor: 'boilerplate',
  sponsored: 'boilerplate',
  banner: 'boilerplate',
  cookie: 'boilerplate',
  cookies: 'boilerplate',
  consent: 'boilerplate',
  gdpr: 'boilerplate',
  modal: 'boilerplate',
  popup: 'boilerplate',
  footer: 'boilerplate',
  copyright: 'boilerplate',
  disclaimer: 'boilerplate',
  tags: 'boilerplate',
  tagcloud: 'boilerplate',
  keywords: 'boilerplate',
  caption: 'caption',
  figcaption: 'caption',
  credit: 'credit',
  credits: 'credit',
  byline: 'byline',
  author: 'byline',
  authors: 'byline',
  dateline: 'dateline',
  timestamp: 'dateline',
  screenreader: 'hidden',
  sronly: 'hidden',
  visuallyhidden: 'hidden',
};

/**
 * Furniture words that are rarely part of an article wrapper's name: elements named with them are
 * pruned even when they hold much of the page's text (comment threads, cookie dialogs on short pages).
 */
export const STRONG_FURNITURE_WORDS = new Set([
  'comment',
  'comments',
  'disqus',
  'replies',
  'respond',
  'newsletter',
  'subscribe',
  'subscription',
  'signup',
  'cookie',
  'cookies',
  'consent',
  'gdpr',
  'modal',
  'popup',
  'outbrain',
  'taboola',
  'recirc',
  'recirculation',
  'share',
  'sharing',
  'sharebar',
  'addthis',
  'sharethis',
  'social',
  'socials',
  'sociallinks',
  'breadcrumb',
  'breadcrumbs',
  'navbar',
  'navigation',
  'pagination',
  'pager',
  'related',
  'recommended',
  'recommendations',
  'mostread',
  'mostpopular',
  'morestories',
  'readmore',
]);

/** Words that, next to a furniture word, mean the element is the article after all. */
export const CONTENT_WORDS = new Set([
  'article',
  'body',
  'content',
  'entry',
  'main',
  'post',
  'story',
  'text',
  'prose',
  // "social-media-embed": an embedded post quoted in the article, not a share bar.
  'embed',
  'embedded',
]);

/** Class/id substrings (inside one word) that mark article bodies; used as a tie-breaker bonus. */
export const BODY_HINTS =
  /articlebody|article-body|article__body|story-body|storybody|entry-content|post-content|postbody|post-body|article-content|articletext|article-text|story-content|main-content|body-text|bodytext|rich-text|richtext|content-body/i;

export const THRESHOLDS = {
  /** A block of at least this many characters with low link density counts as article text. */
  goodMinChars: 40,
  /** Non-paragraph blocks shorter than this before the first / after the last real paragraph are dropped. */
  edgeMinChars: 25,
  /** Link density above this makes a block link furniture (menus, related lists). */
  linkDensityBad: 0.5,
  /** Link density allowed in counted article text. */
  linkDensityGood: 0.35,
  /** A list item with more link text than this share is a link item. */
  linkItemDensity: 0.6,
  /** A list with more than this share of link items, or this overall link density, is a link list. */
  linkListItems: 0.5,
  linkListDensity: 0.8,
  /** Paragraphs after a linked heading that are teasers, at most this many and this long. */
  teaserMaxBlocks: 2,
  teaserMaxChars: 400,
  /** Author bios are looked for in this many last paragraphs. */
  bioTailBlocks: 3,
  /** A teaser unit (heading + summary + image + date …) holds at most this many blocks. */
  teaserUnitBlocks: 6,
  /** Sibling teaser units needed to call a group a river of teasers. */
  teaserGridMin: 3,
  /** A table cell with this many <br>, this many links or this much text makes its table a layout table. */
  layoutCellBreaks: 2,
  layoutCellLinks: 3,
  layoutCellChars: 300,
  /**
   * JSON-LD articleBody replaces the extracted body when it has at least this many characters and
   * the HTML gave less than this share of it (script-rendered pages fetched without JavaScript).
   */
  jsonLdBodyMinChars: 400,
  jsonLdBodyShare: 0.3,
  /** Weight of furniture text against article text when choosing the article container. */
  badTextWeight: 0.6,
  /**
   * An element is pruned as furniture only while it holds less than this share of the page's
   * article text (guards against sites whose article wrapper carries a word like "main-sidebar").
   */
  pruneMaxShare: 0.4,
  /** The same guard for words that are rarely misused (STRONG_FURNITURE_WORDS, comments, hidden). */
  pruneMaxShareStrong: 0.85,
  /** Score bonus (share of its article text) for an element marked as the article body (itemprop, class). */
  bodyHintBonus: 0.5,
  /** Inputs longer than this (characters) are cut before parsing. */
  maxHtmlChars: 5 * 1024 * 1024,
  /** Elements nested deeper than this are flattened into their ancestor at this depth. */
  maxDepth: 256,
  /** Elements beyond this count are ignored (their text is kept). */
  maxElements: 400_000,
  /** Removals kept in diagnostics. */
  maxRemovals: 200,
};

/** Whole-block texts (lower-cased, trimmed) that are furniture in any language we see. */
export const FURNITURE_TEXT = [
  /^(advert|advertisement|advertising|ad|anzeige|werbung|publicidade|publicidad|pubblicità|publicité|iklan|реклама|광고|广告|広告)$/i,
  /^(share|tweet|email|print|whatsapp|facebook|twitter|linkedin|pinterest|reddit|copy link|copied|close|search|menu|caption|highlights|topics:?|tags:?|text size|like this:?|sukai ini:?|terkait|compartilhe|compartir|teilen|condividi)$/i,
  /^share (this|on|via|the)\b(?!.*\?$).{0,40}$/i,
  /^(reading time|estimated reading time|tempo de leitura|tiempo de lectura|lesezeit)\b.{0,30}$|^\d+\s*(min|minute|minutes)\s+read$/i,
  /^back to (gallery|article|story|top|home)\b.{0,30}$/i,
  /^(read more|read next|more stories|more from|related( (stories|articles|content|coverage))?|see also|also read|you may also like|recommended( for you)?|most read|most popular|trending)\b.{0,60}$/i,
  /^(sign up|subscribe|subscribe now|sign up for|get our|join our newsletter)\b.{0,120}$/i,
  /^(comments?|\d+ comments?|leave a comment|add a comment|show comments|view comments)$/i,
  /^(follow us|follow)\b.{0,60}$/i,
  /^follow\b.{0,120}\b(twitter|facebook|instagram|linkedin)\b.{0,60}$/i,
  /^(photo|image|picture|foto|фото|bild|video|source|credit)s?\s*:.{0,120}$/i,
  /^(video player is loading|current time|duration|loaded:|stream type|remaining time|beginning of dialog window|this slideshow requires javascript|playback rate|captions settings)\b.{0,80}$/i,
  /^(?=.{0,200}$)(?=.*\b(newsletters?|inbox)\b)(?=.*\b(subscribe|sign up|signup)\b)/i,
  /^like this (story|article|post)\?.{0,60}$/i,
  /^\d+\s*(of|\/)\s*\d+$/,
  /^(more in|more on|more from|popular on|popular in|don'?t miss|sponsored( content| resources)?|recommends|more:)\b.{0,40}$/i,
  /^(additional reporting|reporting by|editing by|writing by)\b.{0,120}$|^[\p{Lu}][\p{L}.'’ -]{2,60} contributed (reporting|to this (report|story|article))\b.{0,80}$/iu,
  /^(©|\(c\)|copyright)\s.{0,160}$/i,
  /^all rights reserved\.?$/i,
  /^(skip to (main )?content|back to top|top of page|click here)\b.{0,40}$/i,
  /^(loading|please wait)\W*$/i,
  /^(?=.*\bcookies?\b)(?=.*\b(use|uses|using|accept|consent|continu\w*|agree\w*)\b).{0,400}$/i,
  /^(image|photo|video)$/i,
];

/** A byline: "By Jane Doe" / "By Jane Doe and John Roe, Reuters" (short, in a block of its own). */
export const BYLINE_TEXT =
  /^(by|von|por|par|di|от|автор)\s+[\p{Lu}][\p{L}.'’-]+(\s+[\p{L}.'’-]+){0,5}(\s*(,|and|&|und|e|y)\s*[\p{Lu}][\p{L}.'’-]+(\s+[\p{L}.'’-]+){0,4}){0,3}\s*(\||,|—|-|·)?\s*[\p{L}\s.]{0,40}$/iu;

/** A bare date/time line ("Updated 12:30 GMT, 18 November 2019"). */
export const DATE_LINE =
  /^((published|updated|posted|last updated|modified|veröffentlicht|aktualisiert|publicado|atualizado|pubblicato)\s*(on|at|:)?\s*)?(\p{L}+,?\s+)?(\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4})(,?\s*(at\s*)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s*[A-Z]{2,4})?)?\.?$/iu;
