/**
 * Full-text search: an FTS5 index over headline, text, authors and source name, kept in sync
 * by triggers. This is the one SQLite-specific migration; a PostgreSQL dialect would use a
 * generated tsvector column with a GIN index instead (see src/store/README.md).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  // External-content table: the text is stored once (in articles); FTS5 keeps only the index.
  await sql`CREATE VIRTUAL TABLE articles_fts USING fts5(
    title, text, authors, source_name,
    content='articles', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
  )`.execute(db);
  await sql`CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts(rowid, title, text, authors, source_name)
    VALUES (new.id, new.title, new.text, new.authors, new.source_name);
  END`.execute(db);
  await sql`CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, authors, source_name)
    VALUES ('delete', old.id, old.title, old.text, old.authors, old.source_name);
  END`.execute(db);
  await sql`CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text, authors, source_name ON articles BEGIN
    INSERT INTO articles_fts(articles_fts, rowid, title, text, authors, source_name)
    VALUES ('delete', old.id, old.title, old.text, old.authors, old.source_name);
    INSERT INTO articles_fts(rowid, title, text, authors, source_name)
    VALUES (new.id, new.title, new.text, new.authors, new.source_name);
  END`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const trigger of ['articles_fts_insert', 'articles_fts_delete', 'articles_fts_update']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.ref(trigger)}`.execute(db);
  }
  await sql`DROP TABLE IF EXISTS articles_fts`.execute(db);
}
