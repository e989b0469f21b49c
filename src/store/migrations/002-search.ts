/**
 * Full-text search: an FTS5 index over headline, text, authors and source name, kept in sync
 * by triggers (fts-sync.ts). SQLite-specific, like 004 and 005; a PostgreSQL dialect would use a
 * generated tsvector column with a GIN index instead (see src/store/README.md).
 */
import { type Kysely, sql } from 'kysely';
import { createFtsSyncTriggers, dropFtsSyncTriggers } from './fts-sync.js';

export async function up(db: Kysely<unknown>): Promise<void> {
  // External-content table: the text is stored once (in articles); FTS5 keeps only the index.
  await sql`CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, authors, source_name,
    content='articles', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
  )`.execute(db);
  await createFtsSyncTriggers(db, 'articles_fts');
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await dropFtsSyncTriggers(db, 'articles_fts');
  await sql`DROP TABLE IF EXISTS articles_fts`.execute(db);
}
