/**
 * Which article names which entity, for search's `entity:` (reader.ts). The names and mentions
 * live in each article's bite (JSON); checking them there parses the whole bite of every
 * candidate row, and a name that is in the text but is not an entity of the article (a quote, a
 * headline) makes many candidates: 1–4 ms a search at 100,000 articles. Here it is one index
 * probe per row. Triggers keep the table in step with every write of a bite, whatever the path.
 * Names are folded with SQLite's lower() (ASCII), as the query folds the searched name.
 */
import { type Kysely, sql } from 'kysely';

/**
 * The statements that index the entity names and mentions of a bite: `id` and `bite` are the
 * article's columns as seen from `from` (the trigger row, or every article for the backfill).
 */
function indexNames(id: string, bite: string, from = ''): string {
  const entities = `json_each(CASE WHEN json_valid(${bite}) THEN ${bite} END, '$.entities') e`;
  const source = from ? `${from}, ` : '';
  return `
    INSERT OR IGNORE INTO article_entities(article_id, name)
      SELECT ${id}, lower(json_extract(e.value, '$.name')) FROM ${source}${entities}
      WHERE json_type(e.value, '$.name') = 'text';
    INSERT OR IGNORE INTO article_entities(article_id, name)
      SELECT ${id}, lower(m.value) FROM ${source}${entities}, json_each(e.value, '$.mentions') m
      WHERE json_type(e.value, '$.mentions') = 'array' AND m.type = 'text';`;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`CREATE TABLE article_entities (
    article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    PRIMARY KEY (article_id, name)
  ) WITHOUT ROWID`.execute(db);
  await sql
    .raw(`CREATE TRIGGER article_entities_insert AFTER INSERT ON articles WHEN new.bite IS NOT NULL BEGIN
    ${indexNames('new.id', 'new.bite')}
  END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER article_entities_update AFTER UPDATE OF bite ON articles BEGIN
    DELETE FROM article_entities WHERE article_id = old.id;
    ${indexNames('new.id', 'new.bite')}
  END`)
    .execute(db);
  // What is already stored (once, on upgrade: a few seconds per 100,000 articles).
  for (const statement of indexNames('a.id', 'a.bite', 'articles a').split(';')) {
    if (statement.trim()) await sql.raw(statement).execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`DROP TRIGGER IF EXISTS article_entities_insert`.execute(db);
  await sql`DROP TRIGGER IF EXISTS article_entities_update`.execute(db);
  await sql`DROP TABLE IF EXISTS article_entities`.execute(db);
}
