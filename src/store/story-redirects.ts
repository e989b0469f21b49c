import type { Kysely, Selectable } from 'kysely';
import type { StoreDatabase, StoriesTable } from './schema.js';

/** Hops followed through merge redirects before giving up (a cycle would be a bug). */
const MAX_REDIRECT_HOPS = 10;

/** A story row by id, following the redirects merges leave behind. */
export async function resolveStoryRow(
  db: Kysely<StoreDatabase>,
  id: string,
): Promise<Selectable<StoriesTable> | undefined> {
  let current = id;
  for (let hop = 0; hop < MAX_REDIRECT_HOPS; hop++) {
    const row = await db.selectFrom('stories').selectAll().where('id', '=', current).executeTakeFirst();
    if (!row) return undefined;
    if (!row.redirect_to) return row;
    current = row.redirect_to;
  }
  return undefined;
}
