/**
 * Adding sources from the reader: a site or feed URL (with discovery) and OPML import.
 * The server only calls this interface; serve.ts backs it with the jobs stage (addFeed with
 * discovery, importOpml) and the guarded fetcher, and tests pass a fake.
 */
export interface AddedSource {
  feedId: number;
  url: string;
  title?: string;
}

export interface ImportResult {
  url: string;
  ok: boolean;
  message: string;
  feedId?: number;
  folder?: string;
}

export interface SourceService {
  /** A feed URL, or a site URL whose page links a feed. Throws NewsBiteError with a reason. */
  add(url: string, options?: { folder?: string }): Promise<AddedSource>;
  /** Every outline tried on its own: one dead URL never fails the file. */
  importOpml(text: string): Promise<ImportResult[]>;
}
