/**
 * Triggers that keep an external-content FTS5 table over the articles' searchable columns in
 * step with `articles` (insert, delete, and an update of one of those columns). Shared by the
 * search migrations; not a migration itself (no NNN- prefix, so the migration provider skips it).
 */
import { type Kysely, sql } from 'kysely';

const COLUMNS = 'title, text, authors, source_name';

export async function createFtsSyncTriggers(db: Kysely<unknown>, table: string): Promise<void> {
  const values = (row: 'new' | 'old') =>
    COLUMNS.split(', ')
      .map((c) => `${row}.${c}`)
      .join(', ');
  await sql
    .raw(`CREATE TRIGGER ${table}_insert AFTER INSERT ON articles BEGIN
    INSERT INTO ${table}(rowid, ${COLUMNS})
    VALUES (new.id, ${values('new')});
  END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER ${table}_delete AFTER DELETE ON articles BEGIN
    INSERT INTO ${table}(${table}, rowid, ${COLUMNS})
    VALUES ('delete', old.id, ${values('old')});
  END`)
    .execute(db);
  await sql
    .raw(`CREATE TRIGGER ${table}_update AFTER UPDATE OF ${COLUMNS} ON articles BEGIN
    INSERT INTO ${table}(${table}, rowid, ${COLUMNS})
    VALUES ('delete', old.id, ${values('old')});
    INSERT INTO ${table}(rowid, ${COLUMNS})
    VALUES (new.id, ${values('new')});
  END`)
    .execute(db);
}

export async function dropFtsSyncTriggers(db: Kysely<unknown>, table: string): Promise<void> {
  for (const event of ['insert', 'delete', 'update']) {
    await sql`DROP TRIGGER IF EXISTS ${sql.ref(`${table}_${event}`)}`.execute(db);
  }
}
