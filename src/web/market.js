// The market page: skills in demand, pay by job family, postings over time and remote share, for
// all postings or for "jobs like ..." (/api/stats/*?like=...). Chart.js is served locally
// (/vendor/chart.umd.min.js) and is the global `Chart`.
import { getJson } from './api.js';
import { setStatus } from './dom.js';

const form = document.getElementById('market-form');
const status = document.getElementById('status');
const currencySelect = document.getElementById('salary-currency');
const charts = {};
let salaryRows = [];

const ACCENT = '#3b5bdb';
const ACCENT_SOFT = 'rgba(59, 91, 219, 0.18)';
const INK = '#1f2430';
const MUTED = '#6b7280';

Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
Chart.defaults.color = MUTED;
Chart.defaults.plugins.legend.display = false;
Chart.defaults.maintainAspectRatio = false;

/** Draws (or redraws) the chart on canvas `id`. */
function draw(id, config) {
  charts[id]?.destroy();
  charts[id] = new Chart(document.getElementById(id), config);
}

const percent = (value) => `${Math.round(value * 100)}%`;

function drawSkills(rows) {
  draw('chart-skills', {
    type: 'bar',
    data: { labels: rows.map((r) => r.skill), datasets: [{ data: rows.map((r) => r.share), backgroundColor: ACCENT, borderRadius: 4 }] },
    options: {
      indexAxis: 'y',
      scales: { x: { ticks: { callback: percent } }, y: { ticks: { color: INK, autoSkip: false } } },
      plugins: { tooltip: { callbacks: { label: (c) => `${percent(c.raw)} of postings (${rows[c.dataIndex].postings})` } } },
    },
  });
}

function drawSalaries() {
  const currency = currencySelect.value;
  const rows = salaryRows.filter((r) => r.currency === currency).slice(0, 12);
  const money = new Intl.NumberFormat(undefined, { style: 'currency', currency: currency || 'USD', notation: 'compact', maximumFractionDigits: 1 });
  draw('chart-salaries', {
    data: {
      labels: rows.map((r) => r.group),
      datasets: [
        {
          type: 'bar',
          label: '25th–75th percentile',
          data: rows.map((r) => [r.p25, r.p75]),
          backgroundColor: ACCENT_SOFT,
          borderColor: ACCENT,
          borderWidth: 1,
          borderRadius: 4,
          borderSkipped: false,
        },
        {
          type: 'scatter',
          label: 'median',
          data: rows.map((r, i) => ({ x: r.median, y: i })),
          backgroundColor: ACCENT,
          pointRadius: 5,
          pointStyle: 'rectRot',
        },
      ],
    },
    options: {
      indexAxis: 'y',
      scales: {
        x: { type: 'linear', ticks: { callback: (v) => money.format(v) } },
        y: { type: 'category', ticks: { color: INK, autoSkip: false } },
      },
      plugins: {
        tooltip: {
          callbacks: {
            label: (c) => {
              const r = rows[c.dataIndex];
              return `median ${money.format(r.median)} · ${money.format(r.p25)}–${money.format(r.p75)} · ${r.postings} postings`;
            },
          },
        },
      },
    },
  });
}

/** Currencies in the salary rows, the one with the most postings first. */
function fillCurrencies(rows) {
  const totals = new Map();
  for (const r of rows) totals.set(r.currency, (totals.get(r.currency) ?? 0) + r.postings);
  const currencies = [...totals].sort((a, b) => b[1] - a[1]).map(([c]) => c);
  const keep = currencies.includes(currencySelect.value) ? currencySelect.value : currencies[0];
  currencySelect.replaceChildren(...currencies.map((c) => new Option(c, c)));
  if (keep) currencySelect.value = keep;
}

function drawMonths(rows) {
  draw('chart-months', {
    type: 'line',
    data: {
      labels: rows.map((r) => r.month),
      datasets: [{ data: rows.map((r) => r.postings), borderColor: ACCENT, backgroundColor: ACCENT_SOFT, fill: true, tension: 0.3, pointRadius: 2 }],
    },
    options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
  });
}

const MODE_NAMES = { remote: 'Remote', hybrid: 'Hybrid', onsite: 'On-site', unknown: 'Not stated' };

function drawRemote(rows) {
  draw('chart-remote', {
    type: 'doughnut',
    data: {
      labels: rows.map((r) => MODE_NAMES[r.mode] ?? r.mode),
      datasets: [{ data: rows.map((r) => r.postings), backgroundColor: [ACCENT, '#7c93f0', '#c3cdf7', '#e5e7eb'], borderWidth: 0 }],
    },
    options: {
      plugins: {
        legend: { display: true, position: 'right' },
        tooltip: { callbacks: { label: (c) => `${c.label}: ${percent(rows[c.dataIndex].share)}` } },
      },
    },
  });
}

async function load() {
  const like = form.like.value.trim();
  const slice = like ? { like, likeSize: 300 } : {};
  history.replaceState(null, '', like ? `?${new URLSearchParams({ like })}` : location.pathname);
  setStatus(status, like ? `Looking at the postings most like “${like}”…` : 'Looking at all postings…', 'loading');
  form.setAttribute('aria-busy', 'true');
  try {
    const [skills, salaries, months, remote] = await Promise.all([
      getJson('/api/stats/skills', { ...slice, top: 15 }),
      getJson('/api/stats/salaries', { ...slice, by: 'title', top: 40 }),
      getJson('/api/stats/months', slice),
      getJson('/api/stats/remote', slice),
    ]);
    drawSkills(skills.rows);
    salaryRows = salaries.rows;
    fillCurrencies(salaryRows);
    drawSalaries();
    drawMonths(months.rows);
    drawRemote(remote.rows);
    const what = like ? `the ${skills.total.toLocaleString()} postings most like “${like}”` : `all ${skills.total.toLocaleString()} postings`;
    setStatus(status, `Market of ${what}; ${salaries.withSalary.toLocaleString()} state an annual salary.`);
  } catch (error) {
    setStatus(status, error.message, 'error', error.hint);
  } finally {
    form.removeAttribute('aria-busy');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
document.getElementById('all-postings').addEventListener('click', () => {
  form.like.value = '';
  load();
});
currencySelect.addEventListener('change', drawSalaries);

form.like.value = new URLSearchParams(location.search).get('like') ?? '';
load();
