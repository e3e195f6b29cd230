/**
 * Ranking metrics over graded relevance (0, 1, 2), for the top k results.
 *
 * - nDCG@k: Σ (2^grade − 1) / log2(rank + 1) over the top k, divided by the same sum for the
 *   best possible ranking of the query's judged postings.
 * - recall@k: relevant postings (grade ≥ 1) in the top k over min(k, all relevant ones), so a
 *   query with 300 relevant postings can still reach 1.
 * - MRR: 1 / rank of the first relevant posting in the top k (0 if none).
 */
export interface QueryMetrics {
  ndcg: number;
  recall: number;
  mrr: number;
}

const gain = (grade: number) => 2 ** grade - 1;
const discount = (rank: number) => 1 / Math.log2(rank + 1);

/**
 * @param grades the grade of each returned posting, best first
 * @param relevantGrades the grades of every relevant posting of the query (any order)
 * @example metrics([2, 0, 1], [2, 1, 1], 10) // ndcg < 1, recall 2/3, mrr 1
 */
export function metrics(grades: readonly number[], relevantGrades: readonly number[], k: number): QueryMetrics {
  const top = grades.slice(0, k);
  const ideal = [...relevantGrades].sort((a, b) => b - a).slice(0, k);
  const idealDcg = ideal.reduce((sum, g, i) => sum + gain(g) * discount(i + 1), 0);
  const dcg = top.reduce((sum, g, i) => sum + gain(g) * discount(i + 1), 0);
  const relevantCount = relevantGrades.filter((g) => g > 0).length;
  const found = top.filter((g) => g > 0).length;
  const first = top.findIndex((g) => g > 0);
  return {
    ndcg: idealDcg > 0 ? dcg / idealDcg : 0,
    recall: relevantCount > 0 ? found / Math.min(k, relevantCount) : 0,
    mrr: first === -1 ? 0 : 1 / (first + 1),
  };
}

/** The mean of each metric. */
export function meanMetrics(all: readonly QueryMetrics[]): QueryMetrics {
  const n = all.length || 1;
  return {
    ndcg: all.reduce((s, m) => s + m.ndcg, 0) / n,
    recall: all.reduce((s, m) => s + m.recall, 0) / n,
    mrr: all.reduce((s, m) => s + m.mrr, 0) / n,
  };
}
