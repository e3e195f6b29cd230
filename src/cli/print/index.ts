/** The printer of each operation, by its name; an operation without one prints its result as JSON. */
import { embed } from './embed.ts';
import { dupes, dupesList } from './dupes.ts';
import { evaluation } from './eval.ts';
import { importChroma } from './import.ts';
import { indexAuto, indexCreate, indexDrop, indexRebuild, indexStatus } from './indexes.ts';
import { ingest } from './ingest.ts';
import { jobsAdd, jobsDelete, jobsGet, jobsList, jobsUpdate } from './jobs.ts';
import type { Printer } from './printer.ts';
import { match, search, similar } from './search.ts';
import { STAT_PRINTERS } from './stats.ts';

export const PRINTERS: Record<string, Printer> = {
  'jobs add': jobsAdd,
  'jobs get': jobsGet,
  'jobs update': jobsUpdate,
  'jobs delete': jobsDelete,
  'jobs list': jobsList,
  ingest,
  embed,
  'import chroma': importChroma,
  search,
  similar,
  match,
  'index create hnsw': indexCreate,
  'index create ivfflat': indexCreate,
  'index status': indexStatus,
  'index rebuild': indexRebuild,
  'index drop': indexDrop,
  'index auto': indexAuto,
  ...STAT_PRINTERS,
  dupes,
  'dupes list': dupesList,
  eval: evaluation,
};
