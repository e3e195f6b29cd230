import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateRankings } from '../../src/eval/evaluate.ts';
import { gradeFunction, readLabelledSet, type LabelledSet } from '../../src/eval/labelled-set.ts';
import { metrics } from '../../src/eval/metrics.ts';

describe('ranking metrics', () => {
  it('gives 1 for the ideal ranking and less for a worse one', () => {
    expect(metrics([2, 1, 0], [2, 1], 10)).toEqual({ ndcg: 1, recall: 1, mrr: 1 });
    const swapped = metrics([1, 2, 0], [2, 1], 10);
    expect(swapped.ndcg).toBeCloseTo((1 + 3 / Math.log2(3)) / (3 + 1 / Math.log2(3)), 10);
    expect(metrics([0, 0, 1], [1], 10)).toMatchObject({ recall: 1, mrr: 1 / 3 });
  });

  it('caps recall at k, so a query with many relevant postings can reach 1', () => {
    expect(metrics([1, 1], [1, 1, 1, 1], 2).recall).toBe(1);
    expect(metrics([0, 0], [1], 2)).toEqual({ ndcg: 0, recall: 0, mrr: 0 });
  });
});

describe('labelled sets', () => {
  const posting = (id: number, title: string, description = '') => ({ id, title, description });

  it('grades by the first rule that matches: ids, title and description regexes, notTitle', () => {
    const grade = gradeFunction([
      { title: 'student', grade: 0 },
      { title: 'midwi', grade: 2 },
      { title: 'maternity', notTitle: 'cover', grade: 1 },
      { ids: [9], grade: 1 },
      { title: 'nurse', description: 'labour ward', grade: 1 },
    ]);
    expect(grade(posting(1, 'Student Midwife'))).toBe(0);
    expect(grade(posting(2, 'Rotational MIDWIFE'))).toBe(2);
    expect(grade(posting(3, 'Maternity Support Worker'))).toBe(1);
    expect(grade(posting(4, 'Staff Nurse - maternity cover'))).toBe(0);
    expect(grade(posting(9, 'Porter'))).toBe(1);
    expect(grade(posting(5, 'Staff Nurse', 'on the Labour Ward'))).toBe(1);
  });

  it('scores a ranking per mode and per tag, and leaves out queries nothing is relevant to', async () => {
    const set: LabelledSet = {
      name: 't',
      queries: [
        { id: 'a', text: 'midwife', tags: ['keyword'], relevant: [{ title: 'midwi', grade: 2 }] },
        { id: 'b', text: 'delivering babies', tags: ['paraphrase'], relevant: [{ title: 'midwi', grade: 2 }] },
        { id: 'c', text: 'astronaut', tags: [], relevant: [{ title: 'astronaut', grade: 2 }] },
      ],
    };
    const postings = [posting(1, 'Midwife'), posting(2, 'Porter')];
    const report = await evaluateRankings(set, postings, async (q, mode) => (q.id === 'b' && mode === 'text' ? [2] : [1, 2]), {
      modes: ['text', 'vector'],
    });
    expect(report.withoutRelevant).toEqual(['c']);
    const ndcg = (group: string, mode: string) => report.summary.find((r) => r.group === group && r.mode === mode)!.ndcg;
    expect(ndcg('keyword', 'text')).toBe(1);
    expect(ndcg('paraphrase', 'text')).toBe(0);
    expect(ndcg('all', 'text')).toBe(0.5);
    expect(ndcg('all', 'vector')).toBe(1);
    await expect(evaluateRankings(set, postings, async () => [], { modes: ['fuzzy' as 'text'] })).rejects.toThrow(/modes\[0\]: .*fuzzy/);
  });

  it('refuses a file with a bad regular expression, naming the query and field', async () => {
    const file = path.join(await mkdtemp(path.join(tmpdir(), 'jobsight-labels-')), 'bad.json');
    await writeFile(file, JSON.stringify({ name: 'x', queries: [{ id: 'q', text: 'nurse', relevant: [{ title: '(nurse', grade: 2 }] }] }));
    await expect(readLabelledSet(file)).rejects.toThrow(/queries\.0\.relevant\.0\.title: not a valid regular expression/);
    await writeFile(file, JSON.stringify({ name: 'x', queries: [{ id: 'q', text: 'nurse', relevant: [{ grade: 2 }] }] }));
    await expect(readLabelledSet(file)).rejects.toThrow(/a rule needs ids, title or description/);
  });

  it('ships sets of at least 40 queries, a third of them paraphrases', async () => {
    const sets = await Promise.all(['nhs', 'nhs-holdout', 'tech', 'tech-holdout'].map((s) => readLabelledSet(`eval/${s}.json`)));
    const queries = sets.flatMap((s) => s.queries);
    expect(queries.length).toBeGreaterThanOrEqual(40);
    expect(queries.filter((q) => q.tags.includes('paraphrase')).length).toBeGreaterThanOrEqual(queries.length / 3);
  });
});
