// The resume match page: a resume (pasted, or read from a .txt/.md file in the browser) →
// POST /api/match → the postings it fits, with the skills each asks for that the resume has and
// lacks, and the missing skills most often asked for across them ("what to learn next").
import { postJson } from './api.js';
import { el, highlighted, metaLine, postingLink, setStatus, skillChips } from './dom.js';

const form = document.getElementById('match-form');
const fileInput = document.getElementById('resume-file');
const fileName = document.getElementById('file-name');
const status = document.getElementById('status');
const results = document.getElementById('match-results');

/** The filters object /api/match takes in its JSON body, from the form's filter fields. */
function filtersFromForm() {
  const filters = {};
  const country = form.country.value.trim();
  if (country)
    filters.country = country
      .split(',')
      .map((c) => c.trim())
      .filter(Boolean);
  if (form.remoteMode.value) filters.remoteMode = form.remoteMode.value.split(',');
  return Object.keys(filters).length ? filters : undefined;
}

function matchItem(match) {
  const asked = match.matchedSkills.length + match.missingSkills.length;
  return el(
    'li',
    { class: 'result card', 'data-id': match.id },
    el('h2', {}, postingLink(match)),
    metaLine(match),
    match.snippet ? el('p', { class: 'snippet' }, highlighted(match.snippet)) : '',
    asked
      ? el(
          'div',
          { class: 'skill-split' },
          el('div', {}, el('h3', {}, `Has ${match.matchedSkills.length} of ${asked}`), skillChips(match.matchedSkills, 'has')),
          el('div', {}, el('h3', {}, `Lacks ${match.missingSkills.length}`), skillChips(match.missingSkills, 'lacks')),
        )
      : el('p', { class: 'note' }, 'This posting names no skills from the taxonomy.'),
  );
}

function learnNextItem({ skill, postings }, of) {
  return el(
    'li',
    { class: 'learn-row' },
    el('span', { class: 'learn-skill' }, skill),
    el('span', { class: 'learn-bar', 'aria-hidden': 'true' }, el('span', { style: `width: ${Math.round((postings / of) * 100)}%` })),
    el('span', { class: 'learn-count' }, `${postings} of ${of}`),
  );
}

function show({ resumeSkills, matches, learnNext }) {
  document
    .getElementById('resume-skills')
    .replaceChildren(
      resumeSkills.length
        ? skillChips(resumeSkills, 'has')
        : el('p', { class: 'note' }, 'No skills from the taxonomy found; the match rests on meaning alone.'),
    );
  document.getElementById('learn-next').replaceChildren(...learnNext.map((row) => learnNextItem(row, matches.length)));
  document.getElementById('matches').replaceChildren(...matches.map(matchItem));
  results.hidden = matches.length === 0;
}

async function match() {
  const resume = form.resume.value;
  if (!resume.trim()) return;
  setStatus(status, 'Matching your resume…', 'loading');
  form.setAttribute('aria-busy', 'true');
  try {
    const reply = await postJson('/api/match', { resume, k: Number(form.k.value), filters: filtersFromForm() });
    show(reply);
    const found = reply.matches.length;
    setStatus(
      status,
      found
        ? `${found} matching posting${found === 1 ? '' : 's'}, best first; ${reply.resumeSkills.length} skills found in your resume.`
        : 'No postings match. Try fewer filters.',
    );
  } catch (error) {
    results.hidden = true;
    setStatus(status, error.message, 'error', error.hint);
  } finally {
    form.removeAttribute('aria-busy');
  }
}

// A file is read here, in the browser, into the text box: the API takes the resume as text.
fileInput.addEventListener('change', async () => {
  const file = fileInput.files[0];
  if (!file) return;
  if (!/\.(txt|md|markdown)$/i.test(file.name) && !/^text\//.test(file.type)) {
    setStatus(status, `${file.name} is not a text file.`, 'error', 'Open a .txt or .md file, or paste the text (for a PDF, copy its text).');
    return;
  }
  form.resume.value = await file.text();
  fileName.textContent = file.name;
  match();
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  match();
});
