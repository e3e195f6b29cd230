import { Command } from 'commander';
import { loadDemo } from '../../demo/load-demo.ts';
import { marketFacts } from '../../demo/facts.ts';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { matchResume } from '../../search/match.ts';
import { vectorSearch } from '../../search/vector.ts';
import { withDatabase } from '../context.ts';
import { formatCell, printFacts, printJson, printTable } from '../output.ts';
import { createProgress } from '../progress.ts';

const DEMO_RESUME = fileURLToPath(new URL('../../../demo/resume-data-analyst.md', import.meta.url));

const DEFAULT_QUERIES = ['senior backend engineer, Python and PostgreSQL', "registered nurse on a children's ward"];

export function demoCommand(): Command {
  return new Command('demo')
    .description('load the shipped demo postings into the database (embedded by default), then search them')
    .option('--query <text...>', 'semantic searches to run', DEFAULT_QUERIES)
    .action(async (opts: { query: string[] }, command: Command) =>
      withDatabase(command, async ({ database, embedder, json }) => {
        const started = performance.now();
        const progress = createProgress('loading demo postings', json);
        const load = await loadDemo(database.db, embedder, (done, total) => progress.update(done, total));
        progress.stop();
        const seconds = (performance.now() - started) / 1000;
        const searches = [];
        for (const query of opts.query) searches.push({ query, hits: await vectorSearch(database.db, embedder, query, { k: 5 }) });
        const match = await matchResume(database.db, embedder, await readFile(DEMO_RESUME, 'utf8'), { k: 3, learnNext: 5 });
        const facts = await marketFacts(database.db);
        if (json) return printJson({ database: database.location, load, seconds, searches, match, facts });

        console.log(`Jobsight demo on ${database.location}`);
        console.log(
          load.added
            ? `Loaded ${load.added} demo postings in ${seconds.toFixed(1)} s (embedded with ${embedder.name}, ${embedder.dimensions} dimensions).`
            : `The ${load.inFile} demo postings were already loaded.`,
        );
        for (const { query, hits } of searches) {
          console.log(`\nSemantic search: "${query}" (cosine distance, nearest first)`);
          printTable(hits, {
            id: (h) => h.id,
            title: (h) => h.title,
            company: (h) => h.company,
            location: (h) => [h.city, h.country].filter(Boolean).join(', '),
            distance: (h) => h.distance,
          });
        }
        console.log(`\nResume match: demo/resume-data-analyst.md (skills: ${match.resumeSkills.join(', ')})`);
        printTable(match.matches, {
          id: (m) => m.id,
          title: (m) => m.title,
          has: (m) => m.matchedSkills.join(', '),
          lacks: (m) => m.missingSkills.join(', '),
        });
        console.log(`What to learn next: ${match.learnNext.map((s) => `${s.skill} (${s.postings})`).join(', ')}`);
        console.log('\nFacts from the database:');
        printFacts({
          postings: facts.postings,
          companies: facts.companies,
          'fully remote': `${(facts.remoteShare * 100).toFixed(1)} %`,
          'top countries': facts.topCountries.map((c) => `${c.country} ${c.postings}`).join(', '),
          'median annual salary': facts.medianAnnualSalary
            .map((s) => `${s.currency} ${formatCell(Math.round(s.median))} (${s.postings} postings)`)
            .join(', '),
          'top employers': facts.topEmployers.map((e) => `${e.company} (${e.postings})`).join(', '),
          'skills most asked for': facts.topSkills.map((s) => `${s.skill} (${s.postings})`).join(', '),
        });
        console.log(
          '\nNext: npx jobsight search "staff nurse" --explain, npx jobsight stats skills --like "data engineer",\n' +
            '      npx jobsight match --resume demo/resume-data-analyst.md, npx jobsight serve (http://127.0.0.1:8080)',
        );
      }),
    );
}
