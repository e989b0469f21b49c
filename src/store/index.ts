/**
 * The embedded store: SQLite (better-sqlite3, WAL) through Kysely, versioned migrations in
 * ./migrations (001–099 store, 100–199 server). See README.md.
 */
import path from 'node:path';
import type { Config } from '../config.js';
import { openDatabase } from './db.js';
import { Store } from './store.js';

export { DB_FILE, FolderMigrationProvider } from './db.js';
export type { StoreDatabase } from './schema.js';
export { type ParsedSearch, parseSearch } from './search-query.js';
export { DEFAULT_INTERVAL_SEC, Store } from './store.js';
export type * from './types.js';

/**
 * One connection per database file per process: better-sqlite3 waits for locks synchronously,
 * so a second connection in the same thread waiting on the first would block the thread that
 * has to release the lock. Opening the same directory twice shares the connection; it closes
 * with the last `close()`.
 */
const open = new Map<string, { store: Promise<Store>; refs: number }>();

/** Opens (creating when needed) `<dataDir>/newsbite.db` and migrates it to the latest schema. */
export async function openStore(config: Pick<Config, 'dataDir'>): Promise<Store> {
  const key = path.resolve(config.dataDir);
  let entry = open.get(key);
  if (!entry) {
    const created = openDatabase(key).then(({ db, raw, file }) => {
      const store = new Store(db, raw, file);
      const destroy = store.close.bind(store);
      store.close = async () => {
        const current = open.get(key);
        if (!current) return;
        if (--current.refs > 0) return;
        open.delete(key);
        await destroy();
      };
      return store;
    });
    entry = { store: created, refs: 0 };
    open.set(key, entry);
    created.catch(() => open.delete(key));
  }
  entry.refs++;
  return entry.store;
}
