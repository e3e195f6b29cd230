/** How search, similar and match results look on a terminal. */
import { type HybridHit, rrfScore } from '../../search/hybrid.ts';
import type { ResumeMatch } from '../../search/match.ts';
import type { TextHit } from '../../search/text.ts';
import type { VectorHit, VectorPlan } from '../../search/vector.ts';
import { formatCell, printTable, truncate } from '../output.ts';
import { type Printer, place } from './printer.ts';

const nearest = (hits: VectorHit[]) =>
  printTable(hits, {
    id: (h) => h.id,
    title: (h) => truncate(h.title, 45),
    company: (h) => truncate(h.company ?? '', 28),
    location: place,
    distance: (h) => h.distance,
  });

type SearchResult = { mode: 'vector' | 'text' | 'hybrid'; hits: unknown[]; plan?: Omit<VectorPlan, 'plan'>; pending?: number };
type SearchInput = { explain: boolean; rrfK: number; vectorWeight: number; textWeight: number };

export const search: Printer = {
  json: (r: SearchResult) => (r.plan ? { plan: r.plan, hits: r.hits } : r.hits),
  print(r: SearchResult, input: SearchInput) {
    printTables(r, input);
    if (r.pending && r.mode !== 'text') {
      console.log(
        `\n${r.pending.toLocaleString('en-US')} posting(s) have no embedding yet (in the embedding queue): ranked by text only, if at all. Run: jobsight embed`,
      );
    }
  },
};

function printTables(r: SearchResult, input: SearchInput): void {
  if (r.mode === 'vector') {
    if (r.plan) console.log(`plan: ${r.plan.summary}`);
    return nearest(r.hits as VectorHit[]);
  }
  if (r.mode === 'text') {
    return printTable(r.hits as TextHit[], {
      id: (h) => h.id,
      title: (h) => truncate(h.title, 40),
      company: (h) => truncate(h.company ?? '', 24),
      rank: (h) => h.rank,
      snippet: (h) => truncate(h.snippet, 90),
    });
  }
  const hits = r.hits as HybridHit[];
  if (input.explain) {
    console.log(
      `score = ${input.vectorWeight}/(${input.rrfK} + vector rank) + ${input.textWeight}/(${input.rrfK} + text rank); a missing rank adds 0`,
    );
    return printTable(hits, {
      id: (h) => h.id,
      title: (h) => truncate(h.title, 40),
      'vector rank': (h) => h.vectorRank ?? '-',
      'text rank': (h) => h.textRank ?? '-',
      score: (h) => h.score.toFixed(6),
      recomputed: (h) => rrfScore(h, input).toFixed(6),
    });
  }
  printTable(hits, {
    id: (h) => h.id,
    title: (h) => truncate(h.title, 40),
    company: (h) => truncate(h.company ?? '', 24),
    location: place,
    score: (h) => formatCell(h.score),
    snippet: (h) => truncate(h.snippet ?? '', 70),
  });
}

export const similar: Printer = { print: nearest };

const some = (skills: string[], max = 5) => (skills.length > max ? `${skills.slice(0, max).join(', ')} +${skills.length - max}` : skills.join(', '));

export const match: Printer = {
  print(result: ResumeMatch) {
    console.log(`Skills in the resume: ${result.resumeSkills.join(', ') || '(none recognised)'}\n`);
    printTable(result.matches, {
      id: (m) => m.id,
      title: (m) => truncate(m.title, 38),
      company: (m) => truncate(m.company ?? '', 22),
      has: (m) => some(m.matchedSkills),
      lacks: (m) => some(m.missingSkills),
    });
    if (result.learnNext.length > 0) {
      console.log(`\nWhat to learn next (asked for by this many of the ${result.matches.length} postings):`);
      printTable(result.learnNext, { skill: (s) => s.skill, postings: (s) => s.postings });
    }
  },
};
