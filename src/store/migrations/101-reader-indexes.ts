/**
 * Indexes the reader's queries need on the store's tables (additive; the store's own
 * migrations stay untouched). Counting unread articles per user and per feed reads only
 * feed_id and copy_of: with this covering index it walks a small index instead of every
 * article row (rows carry the full text, so a table scan touches the whole database).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE INDEX IF NOT EXISTS reader_articles_feed_copy ON articles (feed_id, copy_of)`.execute(db);
  await sql`CREATE INDEX IF NOT EXISTS reader_state_read ON article_state (user_id, read, article_id)`.execute(
    db,
  );
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP INDEX IF EXISTS reader_articles_feed_copy`.execute(db);
  await sql`DROP INDEX IF EXISTS reader_state_read`.execute(db);
}
