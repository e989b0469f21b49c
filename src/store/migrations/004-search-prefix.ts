/**
 * A second FTS5 index for prefix searches (`elect*`). In the main index (detail=full, with
 * positions) a prefix query merges the full position lists of every word it matches: 5–150 ms
 * at 100,000 articles for a common stem. This one keeps only which article has which word
 * (detail=none) plus ready-made lists for every prefix of 2–10 characters, so such a query reads
 * one list. It costs about half the main index's size. Phrases, NEAR and column filters need
 * positions, so only queries of plain words and prefixes run here (see server/query.ts).
 */
import { type Kysely, sql } from 'kysely';
import { createFtsSyncTriggers, dropFtsSyncTriggers } from './fts-sync.js';

export const PREFIX_LENGTHS = [2, 3, 4, 5, 6, 7, 8, 9, 10];

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE VIRTUAL TABLE articles_prefix USING fts5(
    title, text, authors, source_name,
    content='articles', content_rowid='id',
    detail=none,
    prefix=${sql.lit(PREFIX_LENGTHS.join(' '))},
    tokenize='porter unicode61 remove_diacritics 2'
  )`.execute(db);
  await createFtsSyncTriggers(db, 'articles_prefix');
  // Index what is already stored (once, on upgrade: ~10 s per 100,000 articles).
  await sql`INSERT INTO articles_prefix(articles_prefix) VALUES ('rebuild')`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropFtsSyncTriggers(db, 'articles_prefix');
  await sql`DROP TABLE IF EXISTS articles_prefix`.execute(db);
}
