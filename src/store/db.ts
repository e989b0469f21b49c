/**
 * Opens the SQLite database (better-sqlite3) behind Kysely and brings its schema up to date.
 * SQLite-specific: the pragmas and the exclusive migration transaction below.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, type Migration, type MigrationProvider, Migrator, SqliteDialect } from 'kysely';
import { NewsBiteError } from '../errors.js';
import type { StoreDatabase } from './schema.js';

export const DB_FILE = 'newsbite.db';

/** Migration files: `NNN-name.ts` (001–099 store, 100–199 server); the name without extension is the key. */
const MIGRATION_FILE = /^(\d{3}-[a-z0-9-]+)\.(ts|js)$/;

/**
 * Finds the migrations beside this module at run time, so another owner's migration (e.g. the
 * server's 1xx) only has to be dropped into the folder. Works from src (tsx, vitest) and dist.
 */
export class FolderMigrationProvider implements MigrationProvider {
  constructor(private readonly folder: URL = new URL('./migrations/', import.meta.url)) {}

  async getMigrations(): Promise<Record<string, Migration>> {
    const migrations: Record<string, Migration> = {};
    for (const file of fs.readdirSync(this.folder).sort()) {
      const match = MIGRATION_FILE.exec(file);
      if (!match || migrations[match[1]]) continue;
      const module = (await import(new URL(file, this.folder).href)) as Migration;
      if (typeof module.up !== 'function') {
        throw new NewsBiteError('CONFIG_INVALID', `migration ${file} exports no up() function`);
      }
      migrations[match[1]] = { up: module.up, down: module.down };
    }
    return migrations;
  }
}

export interface OpenedDatabase {
  db: Kysely<StoreDatabase>;
  raw: Database.Database;
  file: string;
}

export async function openDatabase(
  dataDir: string,
  provider: MigrationProvider = new FolderMigrationProvider(),
): Promise<OpenedDatabase> {
  try {
    fs.mkdirSync(dataDir, { recursive: true });
  } catch (error) {
    throw new NewsBiteError(
      'CONFIG_INVALID',
      `data directory ${dataDir} cannot be created (${(error as Error).message})`,
    );
  }
  const file = path.join(dataDir, DB_FILE);
  let raw: Database.Database;
  try {
    raw = new Database(file);
  } catch (error) {
    throw new NewsBiteError(
      'INPUT_UNREADABLE',
      `cannot open the database ${file} (${(error as Error).message})`,
    );
  }
  try {
    // Another process may hold the write lock for a moment (a poll beside `serve`): wait, do not fail.
    raw.pragma('busy_timeout = 10000');
    raw.pragma('journal_mode = WAL');
    // NORMAL is durable across process crashes in WAL mode (only a power loss can drop the last commits).
    raw.pragma('synchronous = NORMAL');
    raw.pragma('foreign_keys = ON');
  } catch (error) {
    raw.close();
    throw new NewsBiteError(
      'INPUT_UNREADABLE',
      `${file} is not a usable SQLite database (${(error as Error).message})`,
    );
  }
  const db = new Kysely<StoreDatabase>({ dialect: new SqliteDialect({ database: raw }) });
  try {
    await migrate(db, raw, provider);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return { db, raw, file };
}

/**
 * Runs pending migrations inside one BEGIN IMMEDIATE transaction: two processes opening a fresh
 * database at once serialise on the write lock, and a crash mid-migration leaves no half schema.
 */
async function migrate(
  db: Kysely<StoreDatabase>,
  raw: Database.Database,
  provider: MigrationProvider,
): Promise<void> {
  const migrator = new Migrator({ db, provider, allowUnorderedMigrations: true });
  raw.exec('BEGIN IMMEDIATE');
  let result: Awaited<ReturnType<Migrator['migrateToLatest']>>;
  try {
    result = await migrator.migrateToLatest();
  } catch (error) {
    raw.exec('ROLLBACK');
    throw error;
  }
  if (result.error) {
    if (raw.inTransaction) raw.exec('ROLLBACK');
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName;
    throw new NewsBiteError(
      'CONFIG_INVALID',
      `database migration ${failed ?? ''} failed: ${(result.error as Error)?.message ?? String(result.error)}`,
    );
  }
  raw.exec('COMMIT');
}
