import { describe, expect, it } from 'vitest';
import { median, medianOf, percentile, ratio, recallWithTies, summarize } from '../../bench/lib/stats.ts';

describe('bench statistics', () => {
  it('percentile interpolates between closest ranks', () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([10, 20, 30], 95)).toBeCloseTo(29);
    expect(percentile([30, 10, 20], 0)).toBe(10);
    expect(percentile([30, 10, 20], 100)).toBe(30);
    expect(percentile([7], 95)).toBe(7);
    expect(median([3, 1, 2])).toBe(2);
  });

  it('percentile refuses no values and out-of-range p', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
  });

  it('does not reorder its input', () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('tie-aware recall counts a hit tied with the exact 10th as found (templated postings tie)', () => {
    // The exact scan kept ids with distances 0.1, 0.2, 0.3; another row also at 0.3 is as right.
    expect(recallWithTies([0.1, 0.3, 0.3], [0.1, 0.2, 0.3], 3)).toBe(1);
    expect(recallWithTies([0.1, 0.4], [0.1, 0.2], 2)).toBe(0.5);
    // Within 1e-9 of the k-th distance still counts; beyond it does not.
    expect(recallWithTies([0.3 + 5e-10], [0.3], 1)).toBe(1);
    expect(recallWithTies([0.3 + 1e-8], [0.3], 1)).toBe(0);
  });

  it('tie-aware recall looks only at the first k hits and never exceeds 1', () => {
    expect(recallWithTies([0.1, 0.1, 0.1, 0.1], [0.1, 0.1], 2)).toBe(1);
    expect(recallWithTies([0.9, 0.1], [0.1, 0.2], 1)).toBe(0);
  });

  it('tie-aware recall against a short truth (a selective filter) divides by the truth; a miss is Infinity', () => {
    expect(recallWithTies([0.2, Number.POSITIVE_INFINITY], [0.2, 0.5], 10)).toBe(0.5);
    expect(recallWithTies([], [], 10)).toBe(1);
    expect(recallWithTies([], [0.2], 10)).toBe(0);
  });

  it('summarize gives p50, p95 and sequential QPS', () => {
    const s = summarize([1, 2, 3, 4]);
    expect(s.p50).toBe(2.5);
    expect(s.qps).toBe(400);
  });

  it('medianOf takes the median of each field over runs', () => {
    expect(
      medianOf([
        { a: 1, b: 9 },
        { a: 3, b: 7 },
        { a: 2, b: 8 },
      ]),
    ).toEqual({ a: 2, b: 8 });
  });

  it('ratio is null when a side is missing', () => {
    expect(ratio(2, 6)).toBe(3);
    expect(ratio(null, 6)).toBeNull();
    expect(ratio(0, 6)).toBeNull();
  });
});
