import { NewsBiteError } from '../../errors.js';
import type { Feed } from '../../model/index.js';

export interface ParseFeedOptions {
  /** The document's URL: base for relative links. */
  url?: string;
  /** HTTP response headers (Content-Type carries the charset). */
  headers?: Record<string, string>;
}

/** Feed bytes (or text) → Feed. Placeholder until the subscriptions issue lands. */
export function parseFeed(_input: Uint8Array | string, _options: ParseFeedOptions = {}): Feed {
  throw new NewsBiteError('NOT_A_FEED', 'feed parsing is not built yet');
}
