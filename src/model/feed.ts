/** A parsed feed, normalised across RSS 0.9x/1.0/2.0, Atom 0.3/1.0 and JSON Feed 1.0/1.1. */

export interface Enclosure {
  url: string;
  type?: string;
  length?: number;
}

export interface FeedEntry {
  /** guid / atom:id / JSON Feed id, as a string. */
  id?: string;
  /** Plain text. */
  title?: string;
  /** Sanitized HTML, only when the feed's title was HTML (links resolved); `title` is its text. */
  titleHtml?: string;
  /** The entry's HTML page (rel=alternate), absolute. */
  link?: string;
  /** ISO-8601 instants; absent when the feed's date could not be read (never a guessed date). */
  published?: string;
  updated?: string;
  /** Teaser / RSS description / Atom summary, sanitized HTML. */
  summary?: string;
  /** Full body (content:encoded, Atom content, JSON content_html|content_text), sanitized HTML. */
  content?: string;
  /** 'text' when the feed declared the summary/content as plain text (the HTML is that text, escaped). */
  summaryType?: 'text' | 'html';
  contentType?: 'text' | 'html';
  author?: string;
  categories: string[];
  enclosures: Enclosure[];
}

export interface Feed {
  format: 'rss' | 'atom' | 'rdf' | 'json';
  /** Plain text. */
  title?: string;
  /** Sanitized HTML, only when the feed's title was HTML; `title` is its text. */
  titleHtml?: string;
  /** The site's home page. */
  link?: string;
  description?: string;
  updated?: string;
  language?: string;
  /** Minutes, from RSS <ttl>. */
  ttl?: number;
  entries: FeedEntry[];
}
