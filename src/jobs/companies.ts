import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Tx } from '../db/database.ts';

// Legal forms that do not distinguish one employer from another ("Acme Inc." is "Acme").
const LEGAL_SUFFIX = /\b(incorporated|inc|llc|llp|ltd|limited|plc|corp|corporation|co|gmbh|ag|sa|pty|pvt)\b\.?$/;

/**
 * The identity of a company name: case, accents, punctuation and a trailing legal form removed.
 *
 * @example normalizeCompanyName('Acme, Inc.') === normalizeCompanyName('ACME inc') // 'acme'
 * @example normalizeCompanyName('!!!') // '!!!' (nothing to normalise: kept as given, never dropped)
 */
export function normalizeCompanyName(name: string): string {
  let s = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\./g, '') // "S.A." is "SA", not "S A"
    .replace(/&/g, ' and ')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  for (let prev = ''; prev !== s; ) {
    prev = s;
    const stripped = s.replace(LEGAL_SUFFIX, '').trim();
    if (stripped) s = stripped;
  }
  // A name of only symbols ("!!!", "🚀🚀") has no letters or digits to compare: it is its own
  // identity, as written (lower-cased, spaces collapsed). It cannot collide with a normalised
  // name, which never holds a symbol.
  return s || name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * Upserts companies by normalised name and returns each given name's id. Safe under concurrent
 * writers: ON CONFLICT makes a second inserter wait for the first and reuse its row.
 */
export async function upsertCompanies(db: Db | Tx, names: readonly string[]): Promise<Map<string, number>> {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const key = normalizeCompanyName(name);
    if (key && !byKey.has(key)) byKey.set(key, name.trim());
  }
  const ids = new Map<string, number>();
  if (byKey.size === 0) return ids;
  // Sorted keys lock rows in the same order in every transaction, so concurrent batches cannot deadlock.
  const keys = [...byKey.keys()].sort();
  // Companies stored already are read, locked against deletion until commit, not rewritten; only
  // the rest go through the upsert, whose DO UPDATE returns a row a concurrent writer just added.
  const stored = await queryRows<{ id: number; key: string }>(
    db,
    sql`select id, normalized_name as key from companies where normalized_name = any(${sql.param(keys)}::text[])
        order by normalized_name for key share`,
  );
  const idByKey = new Map(stored.map((r) => [r.key, Number(r.id)]));
  const missing = keys.filter((k) => !idByKey.has(k));
  if (missing.length > 0) {
    const rows = await queryRows<{ id: number; key: string }>(
      db,
      sql`insert into companies (name, normalized_name)
          select * from unnest(${sql.param(missing.map((k) => byKey.get(k)!))}::text[], ${sql.param(missing)}::text[])
          on conflict (normalized_name) do update set normalized_name = excluded.normalized_name
          returning id, normalized_name as key`,
    );
    for (const r of rows) idByKey.set(r.key, Number(r.id));
  }
  for (const name of names) {
    const id = idByKey.get(normalizeCompanyName(name));
    if (id !== undefined) ids.set(name, id);
  }
  return ids;
}
