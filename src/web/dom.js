// Small DOM helpers. Text from the server only ever becomes text nodes (never innerHTML), so a
// posting cannot inject markup into the page.

/** el('p', { class: 'x' }, 'text', child) → <p class="x">text…</p> */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

/**
 * A snippet with matches marked «like this» (ts_headline's marks) as text and <mark> nodes.
 * @example highlighted('a «nurse» role') → [text 'a ', <mark>nurse</mark>, text ' role']
 */
export function highlighted(snippet) {
  const fragment = document.createDocumentFragment();
  const parts = String(snippet ?? '').split(/«([^»]*)»/);
  parts.forEach((part, i) => {
    if (!part) return;
    fragment.append(i % 2 === 1 ? el('mark', {}, part) : document.createTextNode(part));
  });
  return fragment;
}

const money = new Map();

/** "£31,049 – £37,796 a year", or '' without a salary. */
export function salaryText(hit) {
  const { salaryAnnualMin: min, salaryAnnualMax: max, salaryCurrency: currency } = hit;
  if (min == null && max == null) return '';
  if (!currency) return '';
  if (!money.has(currency)) {
    money.set(currency, new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 }));
  }
  const f = money.get(currency);
  const range = min != null && max != null && min !== max ? `${f.format(min)} – ${f.format(max)}` : f.format(min ?? max);
  return `${range} a year`;
}

const MODES = { remote: 'Remote', hybrid: 'Hybrid', onsite: 'On-site' };

/** "Leeds, West Yorkshire, GB · Hybrid" */
export function placeText(hit) {
  const place = [hit.city, hit.region, hit.country].filter(Boolean).join(', ');
  return [place, MODES[hit.remoteMode]].filter(Boolean).join(' · ');
}

/** A posting's company, place, salary and date as one line of muted facts. */
export function metaLine(hit) {
  return el(
    'p',
    { class: 'meta' },
    hit.company ? el('span', { class: 'company' }, hit.company) : '',
    placeText(hit) ? el('span', {}, placeText(hit)) : '',
    salaryText(hit) ? el('span', { class: 'salary' }, salaryText(hit)) : '',
    hit.postedAt ? el('span', { class: 'date' }, `posted ${hit.postedAt}`) : '',
  );
}

/** The posting's title as a link to its own page (/jobs/ID). */
export function postingLink(hit) {
  return el('a', { class: 'posting-link', href: `/jobs/${encodeURIComponent(hit.id)}` }, hit.title);
}

/** Skills as chips; kind 'has' or 'lacks' colours them, '' leaves them plain. */
export function skillChips(skills, kind = '') {
  return el(
    'ul',
    { class: `chips ${kind}`.trim() },
    skills.map((skill) => el('li', {}, skill)),
  );
}

/** Shows a status line; kind is '', 'loading' or 'error'. */
export function setStatus(node, message, kind = '', hint = '') {
  node.className = `status ${kind}`.trim();
  node.replaceChildren(message, hint ? el('span', { class: 'hint' }, ` ${hint}`) : '');
}
