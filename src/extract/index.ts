import { NewsBiteError } from '../errors.js';
import type { Article } from '../model/index.js';

/** What the caller already knows about the page (from the feed entry or the HTTP response). */
export interface ExtractHints {
  /** The feed entry's date/author/title, used when the page lacks them. */
  published?: string;
  authors?: string[];
  headline?: string;
  siteName?: string;
}

/** HTML → Article. Placeholder until the extraction issue lands. */
export function extract(_html: string, _url?: string, _hints?: ExtractHints): Article {
  throw new NewsBiteError('INPUT_INVALID', 'HTML extraction is not built yet');
}
