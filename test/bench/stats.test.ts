import { describe, expect, it } from 'vitest';
import { meanRecall, median, medianOf, percentile, ratio, recallAtK, summarize } from '../../bench/lib/stats.ts';

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

  it('recall@k counts found ids among the true top k', () => {
    expect(recallAtK([1, 2, 9], [1, 2, 3], 3)).toBeCloseTo(2 / 3);
    expect(recallAtK(['a', 'b'], ['b', 'a'], 2)).toBe(1);
    // Only the first k of each list count.
    expect(recallAtK([1, 2, 3, 4], [4, 5, 6, 7], 3)).toBe(0);
  });

  it('recall@k against a truth shorter than k (a selective filter) divides by the truth', () => {
    expect(recallAtK([5, 6], [5, 6], 10)).toBe(1);
    expect(recallAtK([5], [5, 6], 10)).toBe(0.5);
    expect(recallAtK([], [], 10)).toBe(1);
  });

  it('mean recall over queries', () => {
    expect(meanRecall([[1], [9]], [[1], [2]], 1)).toBe(0.5);
    expect(() => meanRecall([[1]], [], 1)).toThrow(RangeError);
  });

  it('summarize gives p50, p95 and sequential QPS', () => {
    const s = summarize([1, 2, 3, 4]);
    expect(s.p50).toBe(2.5);
    expect(s.qps).toBe(400);
  });

  it('medianOf takes the median of each field over runs', () => {
    expect(medianOf([{ a: 1, b: 9 }, { a: 3, b: 7 }, { a: 2, b: 8 }])).toEqual({ a: 2, b: 8 });
  });

  it('ratio is null when a side is missing', () => {
    expect(ratio(2, 6)).toBe(3);
    expect(ratio(null, 6)).toBeNull();
    expect(ratio(0, 6)).toBeNull();
  });
});
