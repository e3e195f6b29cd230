/**
 * Runs ingest's CPU-bound work (normalising, skills, built-in embedders) on worker threads, so the
 * main thread stays free to keep the database busy; with `threads: 0`, runs it inline.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Embedder } from '../embed/embedder.ts';
import { prepareItems, type Prepared, type PrepareOptions } from './prepare.ts';
import type { PostingItem } from './readers/read-postings.ts';
import { type CompiledSkills, compileSkills, type SkillMatcher, skillMatcherFrom } from './skills/matcher.ts';
import { loadTaxonomy, type Taxonomy } from './skills/taxonomy.ts';
import type { WorkerSettings, WorkerTask } from './worker.ts';

export interface CpuPool {
  prepare(items: PostingItem[], options: PrepareOptions): Promise<Prepared[]>;
  /** Embeds on a worker when the embedder can be rebuilt there, otherwise with `embedder` itself. */
  embed(texts: string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

export function defaultThreads(): number {
  return Math.max(1, availableParallelism());
}

// Texts below which splitting a batch's embedding across workers costs more in messages than it saves.
const MIN_EMBED_SHARE = 50;

// Worker threads do not inherit tsx's hooks when the CLI registered them through its API,
// so each worker loads them itself to run the TypeScript worker module.
const TSX_LOADER = import.meta.resolve('tsx');

/**
 * The last taxonomy compiled and its matcher: a process that ingests again (the API server, the
 * bench) neither compiles it again nor loses the regexes' native code. Keyed by the taxonomy's
 * content, so an edited user file is compiled afresh.
 */
let lastSkills: { taxonomy: string; skills: CompiledSkills; matcher: SkillMatcher } | undefined;

function skillsOf(taxonomy: Taxonomy): { skills: CompiledSkills; matcher: SkillMatcher } {
  const key = JSON.stringify(taxonomy);
  if (lastSkills?.taxonomy !== key) {
    const skills = compileSkills(taxonomy);
    lastSkills = { taxonomy: key, skills, matcher: skillMatcherFrom(skills) };
  }
  return lastSkills;
}

export async function createCpuPool(options: { threads: number; embedder: Embedder; taxonomyFile?: string }): Promise<CpuPool> {
  const { embedder, taxonomyFile, threads } = options;
  // Compiled once, here on the main thread (where a bad taxonomy fails with a readable error),
  // and handed to the workers rather than compiled again by each.
  const { skills, matcher } = skillsOf(await loadTaxonomy(taxonomyFile));
  if (threads === 0) {
    return {
      prepare: async (items, prepareOptions) => prepareItems(items, prepareOptions, matcher),
      embed: (texts) => embedder.embed(texts),
      close: async () => {},
    };
  }
  // Loaded once here, so workers share the semantic embedder's word vectors instead of each reading them.
  await embedder.ready?.();
  const workerData: WorkerSettings = { skills, embedder: embedder.workerSettings };
  const pool = new Piscina<WorkerTask, unknown>({
    filename: new URL('./worker.ts', import.meta.url).href,
    workerData,
    minThreads: threads,
    maxThreads: threads,
    execArgv: process.execArgv.some((a) => a.includes('tsx')) ? process.execArgv : [...process.execArgv, '--import', TSX_LOADER],
  });
  return {
    prepare: (items, prepareOptions) => pool.run({ kind: 'prepare', items, options: prepareOptions }) as Promise<Prepared[]>,
    embed: async (texts) => {
      if (!embedder.workerSettings) return embedder.embed(texts);
      // One share per worker: the batch's embedding is the step the next write waits for.
      const share = Math.max(MIN_EMBED_SHARE, Math.ceil(texts.length / threads));
      const shares: Promise<Float32Array[]>[] = [];
      for (let i = 0; i < texts.length; i += share) {
        shares.push(pool.run({ kind: 'embed', texts: texts.slice(i, i + share) }) as Promise<Float32Array[]>);
      }
      return (await Promise.all(shares)).flat();
    },
    close: () => pool.destroy(),
  };
}
