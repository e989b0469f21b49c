/**
 * Article: the one vocabulary every stage speaks about a single piece of news.
 * Produced by `source/text` (pasted copies) and `extract` (HTML pages); consumed by
 * `analyse`, `stories`, `store` and the faces (server, CLI).
 */

/** One block of the article body, in reading order. */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'heading'; level: 1 | 2 | 3 | 4 | 5 | 6; text: string }
  | { kind: 'quote'; text: string; cite?: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'image'; src: string; alt?: string; caption?: string; credit?: string }
  | { kind: 'table'; rows: string[][]; caption?: string }
  | { kind: 'code'; text: string };

export type BlockKind = Block['kind'];

/** Credit to the publication a syndicated copy came from. */
export interface OriginalCredit {
  /** Readable publisher name, e.g. "Herald Sun". */
  publisher?: string;
  /** The original headline, when the copy names it. */
  title?: string;
  /** The original article's URL. */
  url?: string;
  /** The credit line as found in the input, for display and audit. */
  statement?: string;
}

/** Why a piece of input was left out of the clean article. */
export type RemovalReason =
  | 'duplicate-paragraph'
  | 'caption-copy'
  | 'stray-headline'
  | 'furniture'
  | 'syndication-credit'
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
  | 'low-score'
  | 'other';

export interface Removal {
  reason: RemovalReason;
  text: string;
}

export interface Diagnostics {
  /** What was removed from the input and why (bounded: long inputs keep the first entries). */
  removed: Removal[];
  /** Free-form notes from the stage that built the article (fallbacks taken, charset used …). */
  notes: string[];
  /** Which code produced the body: 'text' (pasted copy), 'newsbite' (our extractor), 'readability' … */
  extractor: string;
  /** Character set the input bytes were decoded with, when the input was bytes. */
  charset?: string;
}

export interface Article {
  /** Where the article was read from (page URL, feed entry link); absent for pasted text. */
  url?: string;
  /** The page's canonical URL (rel=canonical / og:url), cleaned. */
  canonicalUrl?: string;
  siteName?: string;
  headline?: string;
  /** The standfirst / dek / summary line under the headline. */
  standfirst?: string;
  authors: string[];
  /** ISO-8601 instants. */
  published?: string;
  updated?: string;
  /** BCP-47 language tag, e.g. "en", "pt-BR". */
  language?: string;
  section?: string;
  keywords: string[];
  leadImage?: string;
  /** The body in reading order. */
  blocks: Block[];
  /** Plain-text rendering of `blocks`: one block per paragraph, blank line between blocks. */
  text: string;
  /** Sanitized HTML rendering of `blocks` (built from text, so safe by construction). */
  html: string;
  /** Set when the text is a syndicated copy of another publication's article. */
  original?: OriginalCredit;
  diagnostics: Diagnostics;
}
