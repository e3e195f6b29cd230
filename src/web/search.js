// The search page: query and filters → /api/search, results with highlighted snippets, and
// postings similar to any result (/api/jobs/{id}/similar) shown beneath it; each title links to
// the posting's page (/jobs/ID).
import { getJson } from './api.js';
import { el, highlighted, metaLine, postingLink, setStatus } from './dom.js';

const form = document.getElementById('search-form');
const results = document.getElementById('results');
const status = document.getElementById('status');
const FIELDS = ['q', 'mode', 'country', 'remoteMode', 'salaryMin', 'currency', 'postedAfter', 'skillsAll'];

function paramsFromForm() {
  const data = new FormData(form);
  const params = Object.fromEntries(FIELDS.map((name) => [name, data.get(name) ?? '']));
  params.k = 20;
  return params;
}

async function toggleSimilar(hit, item, button) {
  const open = item.querySelector('.similar');
  if (open) {
    open.remove();
    button.setAttribute('aria-expanded', 'false');
    button.textContent = 'Similar postings';
    return;
  }
  const box = el('div', { class: 'similar' }, el('p', { class: 'status loading' }, 'Finding similar postings…'));
  item.append(box);
  button.setAttribute('aria-expanded', 'true');
  button.textContent = 'Hide similar';
  try {
    const { hits } = await getJson(`/api/jobs/${hit.id}/similar`, { k: 5 });
    box.replaceChildren(
      el('h3', {}, `Postings like “${hit.title}”`),
      hits.length
        ? el(
            'ul',
            { class: 'similar-list' },
            hits.map((h) => el('li', {}, el('strong', {}, postingLink(h)), metaLine(h))),
          )
        : el('p', { class: 'status' }, 'No similar postings.'),
    );
  } catch (error) {
    box.replaceChildren(el('p', { class: 'status error' }, error.message));
  }
}

function resultItem(hit) {
  const button = el('button', { type: 'button', class: 'link', 'aria-expanded': 'false' }, 'Similar postings');
  const item = el(
    'li',
    { class: 'result card', 'data-id': hit.id },
    el('h2', {}, postingLink(hit)),
    metaLine(hit),
    hit.snippet ? el('p', { class: 'snippet' }, highlighted(hit.snippet)) : '',
    el('div', { class: 'actions' }, button),
  );
  button.addEventListener('click', () => toggleSimilar(hit, item, button));
  return item;
}

async function search() {
  const params = paramsFromForm();
  if (!params.q.trim()) return;
  history.replaceState(null, '', `?${new URLSearchParams(Object.entries(params).filter(([, v]) => v !== ''))}`);
  setStatus(status, 'Searching…', 'loading');
  form.setAttribute('aria-busy', 'true');
  try {
    const { hits } = await getJson('/api/search', params);
    results.replaceChildren(...hits.map(resultItem));
    setStatus(
      status,
      hits.length ? `${hits.length} posting${hits.length === 1 ? '' : 's'}, best first` : 'No postings match. Try fewer filters or other words.',
    );
  } catch (error) {
    results.replaceChildren();
    setStatus(status, error.message, 'error', error.hint);
  } finally {
    form.removeAttribute('aria-busy');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  search();
});
for (const select of form.querySelectorAll('select')) select.addEventListener('change', () => form.q.value.trim() && search());

// A shared link (?q=...&country=...) fills the form and searches at once.
const initial = new URLSearchParams(location.search);
for (const name of FIELDS) if (initial.has(name) && form.elements[name]) form.elements[name].value = initial.get(name);
if (form.q.value.trim()) search();
else form.q.focus();
