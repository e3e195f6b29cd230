/** How postings split between remote, hybrid and on-site work (and those that do not say). */
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../db/database.ts';
import type { Embedder } from '../embed/embedder.ts';
import type { RemoteMode } from '../core/posting.ts';
import { SliceOptions } from './options.ts';
import { type MarketStat, runStatistic } from './slice.ts';

export const RemoteShareOptions = SliceOptions;
export type RemoteShareOptionsInput = z.input<typeof RemoteShareOptions>;

export interface RemoteModeShare {
  /** `unknown`: the posting does not say. */
  mode: RemoteMode | 'unknown';
  postings: number;
  /** postings / total, from 0 to 1 (0 when the slice is empty). */
  share: number;
}

/**
 * Counts and shares of each remote mode, every mode listed even at 0, in one statement.
 *
 * @example
 * const { rows } = await remoteShare(db, undefined, { filters: { country: ['GB'] } });
 * // [{ mode: 'remote', postings: 120, share: 0.08 }, { mode: 'hybrid', ... }, { mode: 'onsite', ... }, { mode: 'unknown', ... }]
 */
export async function remoteShare(db: Db, embedder: Embedder | undefined, input: RemoteShareOptionsInput = {}): Promise<MarketStat<RemoteModeShare>> {
  const { row } = await runStatistic<typeof RemoteShareOptions, MarketStat<RemoteModeShare>>(
    db,
    embedder,
    RemoteShareOptions,
    input,
    'remoteShare',
    () => sql`
    modes (mode, ord) as (values ('remote', 1), ('hybrid', 2), ('onsite', 3), ('unknown', 4)),
    counted as (
      select coalesce(jobs.remote_mode, 'unknown') as mode, count(*)::int as postings
      from slice join jobs on jobs.id = slice.id
      group by 1
    )
    select (select n from total) as total,
           json_agg(json_build_object(
             'mode', modes.mode,
             'postings', coalesce(counted.postings, 0),
             'share', coalesce(counted.postings::float8 / nullif((select n from total), 0), 0)
           ) order by modes.ord) as rows
    from modes left join counted on counted.mode = modes.mode`,
  );
  return row;
}
