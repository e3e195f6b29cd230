// A posting's page (/jobs/ID): its fields and skills (/api/jobs/{id}), its salary against the
// market for its job family (/api/stats/salaries over the postings most like its title), similar
// postings (/api/jobs/{id}/similar), and its near-duplicates when the API offers them.
import { getJson } from './api.js';
import { el, metaLine, postingLink, salaryText, setStatus, skillChips } from './dom.js';
import { titleFamily } from './title-family.js';

const status = document.getElementById('status');
const id = location.pathname.match(/^\/jobs\/(\d+)$/)?.[1];

/** How many postings most like the title make up its market. */
const MARKET_SIZE = 300;
const SIMILAR = 6;

const MODES = { remote: 'Remote', hybrid: 'Hybrid', onsite: 'On-site' };
const TYPES = {
  full_time: 'Full time',
  part_time: 'Part time',
  contract: 'Contract',
  temporary: 'Temporary',
  internship: 'Internship',
  volunteer: 'Volunteer',
  per_diem: 'Per diem',
  other: 'Other',
};

/** A posting's annual pay as the salary statistics count it: the midpoint of its range, or the one figure. */
function annualPay(job) {
  const { salaryAnnualMin: min, salaryAnnualMax: max } = job;
  if (min != null && max != null) return (min + max) / 2;
  return min ?? max ?? null;
}

function moneyFormat(currency) {
  return new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 });
}

/** Only web addresses become links (a stored url could say javascript:). */
function safeUrl(url) {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : null;
  } catch {
    return null;
  }
}

function showFields(job) {
  const url = job.url ? safeUrl(job.url) : null;
  const rows = [
    ['Company', job.company],
    ['Location', [job.city, job.region, job.country].filter(Boolean).join(', ')],
    ['Work', MODES[job.remoteMode]],
    ['Employment', TYPES[job.employmentType]],
    ['Salary', [salaryText(job), job.salaryText && job.salaryText !== salaryText(job) ? `(“${job.salaryText}”)` : ''].filter(Boolean).join(' ')],
    ['Salary note', job.salaryFlag ? `kept out of the statistics: ${job.salaryFlag}` : ''],
    ['Posted', job.postedAt ? `${job.postedAt}${job.postedApproximate ? ' (approximate)' : ''}` : ''],
    ['Closes', job.expiresAt],
    ['Source', job.source],
    ['Link', url ? el('a', { href: url, rel: 'noopener noreferrer', target: '_blank' }, new URL(url).host) : ''],
  ].filter(([, value]) => value);
  document.getElementById('posting-fields').replaceChildren(...rows.flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
}

function showPosting(job) {
  document.title = `Jobsight · ${job.title}`;
  document.getElementById('posting-title').textContent = job.title;
  document.getElementById('posting-meta').replaceChildren(metaLine(job));
  showFields(job);
  document
    .getElementById('posting-skills')
    .replaceChildren(job.skills.length ? skillChips(job.skills) : el('p', { class: 'note' }, 'No skills from the taxonomy named.'));
  const description = document.getElementById('posting-description');
  description.replaceChildren(job.description ? job.description : el('p', { class: 'note' }, 'No description.'));
  document.getElementById('posting').hidden = false;
}

/** "12% above the median, in the top quarter" */
function verdict(pay, row) {
  const off = Math.round(((pay - row.median) / row.median) * 100);
  const against = off === 0 ? 'at the median' : `${Math.abs(off)}% ${off > 0 ? 'above' : 'below'} the median`;
  const quarter = pay < row.p25 ? 'in the lowest quarter' : pay > row.p75 ? 'in the top quarter' : 'within the middle half';
  return `${against}, ${quarter}`;
}

/** A bar from p25 to p75 with the median marked, and this posting's pay as a dot on the same scale. */
function gauge(row, pay, money) {
  const values = [row.p25, row.p75, ...(pay == null ? [] : [pay])];
  const pad = (Math.max(...values) - Math.min(...values)) * 0.12 || row.median * 0.1;
  const lo = Math.max(0, Math.min(...values) - pad);
  const hi = Math.max(...values) + pad;
  const at = (v) => `${(((v - lo) / (hi - lo)) * 100).toFixed(1)}%`;
  return el(
    'div',
    {
      class: 'gauge',
      role: 'img',
      'aria-label': `25th percentile ${money.format(row.p25)}, median ${money.format(row.median)}, 75th percentile ${money.format(row.p75)}`,
    },
    el('span', { class: 'gauge-range', style: `left: ${at(row.p25)}; width: calc(${at(row.p75)} - ${at(row.p25)})` }),
    el('span', { class: 'gauge-median', style: `left: ${at(row.median)}`, title: `median ${money.format(row.median)}` }),
    pay == null ? '' : el('span', { class: 'gauge-pay', style: `left: ${at(pay)}`, title: `this posting ${money.format(pay)}` }),
  );
}

function comparison(label, row, pay, money) {
  return el(
    'div',
    { class: 'comparison' },
    el('h3', {}, label),
    gauge(row, pay, money),
    el(
      'p',
      { class: 'gauge-legend' },
      el('span', {}, `25th ${money.format(row.p25)}`),
      el('strong', {}, `median ${money.format(row.median)}`),
      el('span', {}, `75th ${money.format(row.p75)}`),
    ),
    el(
      'p',
      { class: 'note' },
      pay == null
        ? `${row.postings} postings`
        : [
            el('span', { class: 'pay-dot', 'aria-hidden': 'true' }),
            `This posting: ${money.format(pay)}, ${verdict(pay, row)} of ${row.postings} postings.`,
          ],
    ),
  );
}

/**
 * The market for the posting's job family: salary quartiles over the postings most like its
 * title, grouped by title family (its own family's row) and by country (its country's row), in
 * the posting's currency (salaries are never converted).
 */
async function showSalaryMarket(job) {
  const body = document.getElementById('salary-body');
  const family = titleFamily(job.title);
  const slice = { like: job.title, likeSize: MARKET_SIZE, minCount: 3, top: 1000 };
  const [byTitle, byCountry] = await Promise.all([
    getJson('/api/stats/salaries', { ...slice, by: 'title' }),
    job.country ? getJson('/api/stats/salaries', { ...slice, by: 'country' }) : { rows: [] },
  ]);
  const familyRows = byTitle.rows.filter((r) => r.group === family);
  const currency = job.salaryCurrency ?? familyRows[0]?.currency;
  const pay = job.salaryCurrency ? annualPay(job) : null;
  const familyRow = familyRows.find((r) => r.currency === currency);
  const countryRow = byCountry.rows.find((r) => r.group === job.country && r.currency === currency);
  if (!currency || (!familyRow && !countryRow)) {
    body.replaceChildren(
      el('p', { class: 'note' }, `Too few postings like this one state a salary${currency ? ` in ${currency}` : ''} to compare it with.`),
    );
    return;
  }
  const money = moneyFormat(currency);
  body.replaceChildren(
    el(
      'p',
      { class: 'note' },
      pay == null
        ? 'This posting states no annual salary; what postings like it pay:'
        : `Annual pay in ${currency}, among the ${MARKET_SIZE} postings most like “${job.title}”.`,
    ),
    familyRow
      ? comparison(`Job family “${family}”`, familyRow, pay, money)
      : el('p', { class: 'note' }, `Fewer than 3 of them in the job family “${family ?? job.title}” state a salary in ${currency}.`),
    countryRow ? comparison(`Postings like this one in ${job.country}`, countryRow, pay, money) : '',
    el(
      'p',
      { class: 'note' },
      el('a', { href: `/market?${new URLSearchParams({ like: job.title })}` }, 'The whole market for postings like this one →'),
    ),
  );
}

async function showSimilar(job) {
  const body = document.getElementById('similar-body');
  try {
    const { hits } = await getJson(`/api/jobs/${job.id}/similar`, { k: SIMILAR });
    body.replaceChildren(
      hits.length
        ? el(
            'ul',
            { class: 'similar-list' },
            hits.map((h) => el('li', {}, el('strong', {}, postingLink(h)), metaLine(h))),
          )
        : el('p', { class: 'note' }, 'No similar postings.'),
    );
  } catch (error) {
    body.replaceChildren(el('p', { class: 'status error' }, error.message, error.hint ? el('span', { class: 'hint' }, ` ${error.hint}`) : ''));
  }
}

/** The postings in a reply: the reply itself or its first list whose items have an id and a title. */
function postingsIn(reply) {
  const isPostings = (value) => Array.isArray(value) && value.every((p) => p && p.id != null && typeof p.title === 'string');
  if (isPostings(reply)) return reply;
  return Object.values(reply ?? {}).find(isPostings) ?? null;
}

/**
 * Near-duplicates hook: shown only when the API exposes near-duplicates. Its route is not
 * assumed: it is the GET operation in /openapi.json whose operationId starts with "dupes" and
 * whose path takes the posting's {id}; without one (or with a reply that holds no postings) the
 * section stays hidden.
 */
async function showNearDuplicates(job) {
  const doc = await getJson('/openapi.json').catch(() => null);
  const route = Object.entries(doc?.paths ?? {}).find(([path, item]) => path.includes('{id}') && /^dupes/i.test(item.get?.operationId ?? ''));
  if (!route) return;
  const postings = postingsIn(await getJson(route[0].replace('{id}', encodeURIComponent(job.id))));
  if (!postings) return;
  document.getElementById('near-duplicates-body').replaceChildren(
    postings.length
      ? el(
          'ul',
          { class: 'similar-list' },
          postings.map((p) => el('li', {}, el('strong', {}, postingLink(p)), metaLine(p))),
        )
      : el('p', { class: 'note' }, 'No near-duplicates of this posting.'),
  );
  document.getElementById('near-duplicates').hidden = false;
}

async function load() {
  if (!id) {
    setStatus(status, 'No posting id in this address.', 'error', 'Open a posting from search, e.g. /jobs/42.');
    return;
  }
  let job;
  try {
    job = await getJson(`/api/jobs/${id}`);
  } catch (error) {
    setStatus(status, error.message, 'error', error.hint);
    return;
  }
  showPosting(job);
  status.hidden = true;
  const failed = (box) => (error) => document.getElementById(box).replaceChildren(el('p', { class: 'status error' }, error.message));
  await Promise.all([
    showSalaryMarket(job).catch(failed('salary-body')),
    showSimilar(job),
    showNearDuplicates(job).catch(() => {}), // an optional section: a failure leaves it hidden
  ]);
  document.getElementById('posting').dataset.ready = 'true';
}

load();
