// A title's job family, as the salary statistics group titles (`stats salaries --by title`): the
// same steps as TITLE_FAMILY in src/analytics/salary-groups.ts, so the posting page can find its
// own family among the groups the API returns. test/browser/pages.test.ts checks the two agree
// on every title of its sample.

const SENIORITY = /(?<![\p{L}\p{N}_])(?:senior|junior|lead|principal|sr|jr|i|ii|iii|iv)(?![\p{L}\p{N}_])\.?/gu;

/**
 * "Sr. Data Scientist - Growth (Remote)" → "data scientist"; null when nothing is left.
 * Lower-case, cut at " - " and "(", seniority words removed, spaces squeezed, punctuation trimmed.
 */
export function titleFamily(title) {
  const head = String(title).toLowerCase().split(' - ')[0].split('(')[0];
  const family = head
    .replace(SENIORITY, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
  return family || null;
}
