/**
 * Which embedder wrote this database's vectors. Vectors from different embedders (or of
 * different dimensions) are not comparable, so a database is tied to one until re-embedded.
 */
import { eq, sql } from 'drizzle-orm';
import { JobsightError } from '../core/errors.ts';
import type { Embedder } from '../embed/embedder.ts';
import { HASHING_EMBEDDER_NAME } from '../embed/hashing-embedder.ts';
import { createEmbedder } from '../embed/index.ts';
import { pgErrorCode, PG_ERROR } from '../core/errors.ts';
import { queryRows, type Db, type Tx } from './database.ts';
import { settings } from './schema.ts';

export interface EmbedderRecord {
  name: string;
  dimensions: number;
}

const KEY = 'embedder';

export async function readEmbedderRecord(db: Db | Tx): Promise<EmbedderRecord | undefined> {
  const [row] = await db.select({ value: settings.value }).from(settings).where(eq(settings.key, KEY));
  return row?.value as EmbedderRecord | undefined;
}

export async function writeEmbedderRecord(db: Db | Tx, embedder: Embedder): Promise<void> {
  const value: EmbedderRecord = { name: embedder.name, dimensions: embedder.dimensions };
  await db
    .insert(settings)
    .values({ key: KEY, value })
    .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
}

/** The record, or undefined also when the database has no settings table yet (a brand-new one). */
async function readEmbedderRecordIfAny(db: Db): Promise<EmbedderRecord | undefined> {
  try {
    return await readEmbedderRecord(db);
  } catch (error) {
    if (pgErrorCode(error) === PG_ERROR.undefinedTable) return undefined;
    throw error;
  }
}

/**
 * The built-in embedder that wrote this database's vectors when it is not `active` (a database
 * made with the hashing embedder, the default before the semantic one), with a notice saying how
 * to move; undefined when `active` fits or the database was built with an HTTP embedder (whose
 * settings cannot be guessed: ensureEmbedderMatches then explains).
 */
export async function recordedBuiltInEmbedder(db: Db, active: Embedder): Promise<{ embedder: Embedder; notice: string } | undefined> {
  const recorded = await readEmbedderRecordIfAny(db);
  if (!recorded || (recorded.name === active.name && recorded.dimensions === active.dimensions)) return undefined;
  if (recorded.name !== HASHING_EMBEDDER_NAME) return undefined;
  return {
    embedder: createEmbedder({ provider: 'hash', dimensions: recorded.dimensions }),
    notice:
      `jobsight: this database's vectors come from ${recorded.name} (${recorded.dimensions} dimensions), so it is used here; ` +
      `the default is now ${active.name}, which finds postings by meaning. Move with: jobsight db reembed --embedder semantic`,
  };
}

/** The dimension `jobs.embedding` is declared with (pgvector keeps it in atttypmod). */
export async function embeddingColumnDimensions(db: Db | Tx): Promise<number | null> {
  const [row] = await queryRows<{ dims: number }>(
    db,
    sql`select atttypmod as dims from pg_attribute where attrelid = 'jobs'::regclass and attname = 'embedding'`,
  );
  return row && row.dims > 0 ? row.dims : null;
}

/** Retypes the embedding column, emptying it; vector indexes on it must be dropped first. */
export async function retypeEmbeddingColumn(db: Db | Tx, dimensions: number): Promise<void> {
  if (!Number.isInteger(dimensions) || dimensions < 1) throw new Error(`bad dimensions ${dimensions}`);
  await db.execute(sql.raw(`alter table jobs alter column embedding type vector(${dimensions}) using null`));
}

/**
 * Ties a fresh database to `embedder` (retyping the still-empty column if its dimension differs),
 * or checks that an existing one was written by the same embedder.
 */
export async function ensureEmbedderMatches(db: Db, embedder: Embedder): Promise<void> {
  const recorded = await readEmbedderRecord(db);
  if (recorded) {
    if (recorded.name === embedder.name && recorded.dimensions === embedder.dimensions) return;
    throw embedderMismatch(recorded, embedder);
  }
  await db.transaction(async (tx) => {
    await tx.execute(sql`lock table jobsight_settings in share row exclusive mode`);
    if (await readEmbedderRecord(tx)) return;
    const [{ embedded } = { embedded: 0 }] = await queryRows<{ embedded: number }>(
      tx,
      sql`select count(*)::int as embedded from jobs where embedding is not null`,
    );
    if ((await embeddingColumnDimensions(tx)) !== embedder.dimensions) {
      if (embedded > 0) throw embedderMismatch({ name: 'unknown', dimensions: -1 }, embedder);
      await retypeEmbeddingColumn(tx, embedder.dimensions);
    }
    await writeEmbedderRecord(tx, embedder);
  });
  const recordedNow = await readEmbedderRecord(db);
  if (recordedNow && (recordedNow.name !== embedder.name || recordedNow.dimensions !== embedder.dimensions)) {
    throw embedderMismatch(recordedNow, embedder);
  }
}

function embedderMismatch(recorded: EmbedderRecord, active: Embedder): JobsightError {
  const was = recorded.dimensions > 0 ? `${recorded.name} (${recorded.dimensions} dimensions)` : 'another embedder';
  return new JobsightError(
    `this database's embeddings come from ${was}, but the active embedder is ${active.name} (${active.dimensions} dimensions); vectors from different embedders cannot be compared`,
    {
      hint:
        `Use the embedder the database was built with (e.g. --dimensions ${recorded.dimensions > 0 ? recorded.dimensions : 'N'}), ` +
        `or re-embed every posting with the new one: jobsight db reembed (same --embedder/--dimensions flags).`,
      status: 409,
    },
  );
}
