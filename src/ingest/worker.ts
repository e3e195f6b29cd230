/**
 * Worker-thread entry for ingest's CPU-bound work (see cpu-pool.ts). Each worker builds its
 * skill matcher and embedder once, from the settings the pool hands it.
 */
import { workerData } from 'piscina';
import type { Embedder } from '../embed/embedder.ts';
import { createEmbedder } from '../embed/index.ts';
import { prepareItems, type PrepareOptions } from './prepare.ts';
import type { PostingItem } from './readers/read-postings.ts';
import { type CompiledSkills, type SkillMatcher, skillMatcherFrom } from './skills/matcher.ts';

export interface WorkerSettings {
  skills: CompiledSkills;
  embedder?: NonNullable<Embedder['workerSettings']>;
}

export type WorkerTask = { kind: 'prepare'; items: PostingItem[]; options: PrepareOptions } | { kind: 'embed'; texts: string[] };

const settings = workerData as WorkerSettings;
let matcher: SkillMatcher | undefined;
const embedder = settings.embedder ? createEmbedder(settings.embedder) : undefined;

export default async function run(task: WorkerTask) {
  if (task.kind === 'prepare') {
    matcher ??= skillMatcherFrom(settings.skills);
    return prepareItems(task.items, task.options, matcher);
  }
  if (!embedder) throw new Error('this worker has no embedder');
  return embedder.embed(task.texts);
}
