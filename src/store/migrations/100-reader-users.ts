/**
 * Reader accounts (server owner's migrations, 100–199): users, login sessions, API tokens,
 * per-user subscriptions, per-user article state and saved searches. Feeds and articles
 * belong to the store's own migrations (001–099); these tables only point at them.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
    // md5(name:password) as the Fever API defines it; null until the user sets a Fever password.
    .addColumn('fever_key', 'text')
    // Secret in outgoing feed URLs (/feeds/<token>/…), rotatable.
    .addColumn('feed_token', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .ifNotExists()
    // sha256 of the cookie value: a stolen database does not hand out live sessions.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').ifNotExists().on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    // 'api' for REST tokens, 'greader' for Google Reader ClientLogin tokens.
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('api'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .execute();

  await db.schema
    .createTable('subscriptions')
    .ifNotExists()
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('feed_id', 'integer', (c) => c.notNull())
    .addColumn('title', 'text')
    .addColumn('folder', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('subscriptions_pk', ['user_id', 'feed_id'])
    .execute();
  await db.schema
    .createIndex('subscriptions_feed')
    .ifNotExists()
    .on('subscriptions')
    .column('feed_id')
    .execute();

  await db.schema
    .createTable('article_state')
    .ifNotExists()
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('starred', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_state_pk', ['user_id', 'article_id'])
    .execute();
  await sql`CREATE INDEX IF NOT EXISTS article_state_starred ON article_state (user_id, starred) WHERE starred = 1`.execute(
    db,
  );

  await db.schema
    .createTable('saved_searches')
    .ifNotExists()
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('query', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'saved_searches',
    'article_state',
    'subscriptions',
    'api_tokens',
    'sessions',
    'users',
  ]) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
