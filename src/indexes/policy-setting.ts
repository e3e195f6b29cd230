/**
 * Whether the default index policy (default-policy.ts) is on, stored in the database so every
 * process sees the same. Dropping an index by hand turns it off (manage.ts).
 */
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/database.ts';
import { settings } from '../db/schema.ts';

const AUTO_INDEX_KEY = 'auto_index';

/** Whether the default policy is on (it is unless turned off). */
export async function getAutoIndex(database: Database): Promise<boolean> {
  const [row] = await database.db.select().from(settings).where(eq(settings.key, AUTO_INDEX_KEY));
  return row?.value !== false;
}

export async function setAutoIndex(database: Database, on: boolean): Promise<void> {
  await database.db
    .insert(settings)
    .values({ key: AUTO_INDEX_KEY, value: on })
    .onConflictDoUpdate({ target: settings.key, set: { value: on, updatedAt: sql`now()` } });
}
