// The upload page: files of postings → POST /api/ingest (the file as the body, the options as
// query parameters, the API key as a bearer token), one file at a time, each answered with its
// ingest summary: records read, loaded, rejected and flagged, and the first rejects.
import { postFile } from './api.js';
import { el, setStatus } from './dom.js';

const form = document.getElementById('upload-form');
const status = document.getElementById('status');
const summaries = document.getElementById('summaries');
const remember = document.getElementById('remember-key');
const KEY_ITEM = 'jobsight.apiKey';

// The key stays in this tab only (sessionStorage) and only when asked.
const savedKey = sessionStorage.getItem(KEY_ITEM);
if (savedKey) {
  form.apiKey.value = savedKey;
  remember.checked = true;
}

const count = (n) => Number(n).toLocaleString();

function figure(label, value, kind = '') {
  return el('div', { class: `figure ${kind}`.trim(), 'data-figure': label.toLowerCase() }, el('strong', {}, count(value)), el('span', {}, label));
}

function rejectsTable(rejects, total) {
  if (!rejects.length) return '';
  return el(
    'details',
    { class: 'rejects', open: true },
    el(
      'summary',
      {},
      rejects.length < total
        ? `The first ${rejects.length} of ${count(total)} rejected or flagged values`
        : `${rejects.length} rejected or flagged values`,
    ),
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, el('th', {}, 'where'), el('th', {}, 'outcome'), el('th', {}, 'field'), el('th', {}, 'reason'))),
      el(
        'tbody',
        {},
        rejects.map((r) => el('tr', {}, el('td', {}, r.at), el('td', {}, r.outcome ?? ''), el('td', {}, r.field ?? ''), el('td', {}, r.reason))),
      ),
    ),
  );
}

function summaryCard(file, s) {
  const loaded = s.inserted + s.updated;
  return el(
    'li',
    { class: 'result card summary', 'data-file': file.name },
    el('h2', {}, file.name),
    el(
      'p',
      { class: 'meta' },
      `${count(s.read)} records read in ${s.seconds.toFixed(1)} s`,
      s.indexCreated ? ` · built index ${s.indexCreated}` : '',
    ),
    el(
      'div',
      { class: 'figures' },
      figure('Loaded', loaded, 'good'),
      figure('Rejected', s.rejected, s.rejected ? 'bad' : ''),
      figure('Flagged', s.flagged, s.flagged ? 'warn' : ''),
      figure('Unchanged', s.unchanged),
      figure('Duplicates', s.duplicates),
    ),
    el('p', { class: 'note' }, `Loaded: ${count(s.inserted)} new, ${count(s.updated)} updated. Flagged: loaded with values cleaned or left out.`),
    ...(s.warnings ?? []).map((w) => el('p', { class: 'status warn' }, w)),
    rejectsTable(s.rejects ?? [], s.rejected + s.flaggedValues),
  );
}

function failureCard(file, error) {
  return el(
    'li',
    { class: 'result card summary', 'data-file': file.name },
    el('h2', {}, file.name),
    el('p', { class: 'status error' }, error.message, error.hint ? el('span', { class: 'hint' }, ` ${error.hint}`) : ''),
  );
}

async function upload() {
  const files = [...form.files.files];
  const key = form.apiKey.value.trim();
  if (!files.length || !key) return;
  if (remember.checked) sessionStorage.setItem(KEY_ITEM, key);
  else sessionStorage.removeItem(KEY_ITEM);
  const options = { source: form.source.value, referenceDate: form.referenceDate.value, currency: form.currency.value.toUpperCase() };
  summaries.replaceChildren();
  form.setAttribute('aria-busy', 'true');
  let failed = 0;
  try {
    for (const [i, file] of files.entries()) {
      setStatus(status, `Loading ${file.name}${files.length > 1 ? ` (${i + 1} of ${files.length})` : ''}…`, 'loading');
      try {
        summaries.append(summaryCard(file, await postFile('/api/ingest', file, { ...options, filename: file.name }, key)));
      } catch (error) {
        failed++;
        summaries.append(failureCard(file, error));
        // A refused key refuses every file alike: say it once.
        if (error.status === 401 || error.status === 403) break;
      }
    }
    const done = summaries.children.length - failed;
    setStatus(
      status,
      failed
        ? `${done} of ${files.length} file${files.length === 1 ? '' : 's'} loaded; see below.`
        : `Loaded ${files.length} file${files.length === 1 ? '' : 's'}.`,
      failed ? 'error' : '',
    );
  } finally {
    form.removeAttribute('aria-busy');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  upload();
});
