/**
 * Feeds, articles, stories and the job table. Built with Kysely's schema builder and only
 * portable types (integer, text), so the PostgreSQL dialect can run the same migration.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('feeds')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('site_url', 'text')
    .addColumn('title', 'text')
    .addColumn('category', 'text')
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('interval_sec', 'integer', (c) => c.notNull())
    .addColumn('next_poll_at', 'text', (c) => c.notNull())
    .addColumn('last_polled_at', 'text')
    .addColumn('last_success_at', 'text')
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('paused', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('full_text', 'text', (c) => c.notNull().defaultTo('auto'))
    .addColumn('user_agent', 'text')
    .addColumn('headers', 'text')
    .addColumn('ttl_sec', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('feeds_next_poll').on('feeds').columns(['paused', 'next_poll_at']).execute();

  await db.schema
    .createTable('articles')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('feed_id', 'integer', (c) => c.references('feeds.id').onDelete('cascade'))
    .addColumn('guid', 'text')
    .addColumn('url', 'text')
    .addColumn('canonical_url', 'text')
    .addColumn('identity_hash', 'text')
    .addColumn('title', 'text')
    .addColumn('standfirst', 'text')
    .addColumn('authors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('site_name', 'text')
    .addColumn('source_name', 'text')
    .addColumn('published_at', 'text')
    .addColumn('updated_at', 'text')
    .addColumn('fetched_at', 'text', (c) => c.notNull())
    .addColumn('sort_at', 'text', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('lead_image', 'text')
    .addColumn('text', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('blocks', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('meta', 'text')
    .addColumn('original', 'text')
    .addColumn('bite', 'text')
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('story_id', 'text')
    .addColumn('copy_group', 'text')
    .addColumn('copy_of', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // One article per guid within a feed (partial unique index: both SQLite and PostgreSQL have them).
  await db.schema
    .createIndex('articles_feed_guid')
    .on('articles')
    .columns(['feed_id', 'guid'])
    .unique()
    .where(sql.ref('guid'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('articles_feed_canonical')
    .on('articles')
    .columns(['feed_id', 'canonical_url'])
    .execute();
  await db.schema
    .createIndex('articles_feed_identity')
    .on('articles')
    .columns(['feed_id', 'identity_hash'])
    .execute();
  await db.schema.createIndex('articles_canonical').on('articles').column('canonical_url').execute();
  await db.schema.createIndex('articles_sort').on('articles').columns(['sort_at', 'id']).execute();
  await db.schema.createIndex('articles_feed_sort').on('articles').columns(['feed_id', 'sort_at']).execute();
  await db.schema.createIndex('articles_story').on('articles').columns(['story_id', 'sort_at']).execute();
  await db.schema.createIndex('articles_copy_group').on('articles').column('copy_group').execute();

  await db.schema
    .createTable('stories')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('headline', 'text', (c) => c.notNull())
    .addColumn('first_at', 'text')
    .addColumn('last_at', 'text')
    .addColumn('sources', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('article_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bite', 'text')
    .addColumn('redirect_to', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stories_last').on('stories').columns(['redirect_to', 'last_at']).execute();

  await db.schema
    .createTable('jobs')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('locked_until', 'text')
    .addColumn('locked_by', 'text')
    .addColumn('payload', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('jobs_kind_key', ['kind', 'key'])
    .execute();
  await db.schema.createIndex('jobs_due').on('jobs').columns(['kind', 'state', 'run_after']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['jobs', 'stories', 'articles', 'feeds']) await db.schema.dropTable(table).execute();
}
