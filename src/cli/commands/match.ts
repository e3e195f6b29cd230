import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { JobsightError } from '../../core/errors.ts';
import { matchResume, MAX_RESUME_CHARS } from '../../search/match.ts';
import { withDatabase } from '../context.ts';
import { addFilterOptions, filtersFrom, type FilterFlags } from '../filter-options.ts';
import { printJson, printTable, truncate } from '../output.ts';
import { positiveInt } from '../parse.ts';

interface MatchFlags extends FilterFlags {
  resume: string;
  k: number;
  learnNext: number;
  taxonomy?: string;
}

async function readResume(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new JobsightError(`cannot read the resume ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`, {
      hint: `Give a plain-text or Markdown file of at most ${MAX_RESUME_CHARS.toLocaleString('en')} characters.`,
    });
  }
}

const list = (skills: string[], max = 5) => (skills.length > max ? `${skills.slice(0, max).join(', ')} +${skills.length - max}` : skills.join(', '));

export function matchCommand(): Command {
  const command = new Command('match')
    .description('the postings that fit a resume, the skills each asks for that the resume has and lacks, and what to learn next')
    .requiredOption('--resume <file>', 'the resume, as plain text or Markdown')
    .option('-k, --k <n>', 'how many postings (1 to 1000)', positiveInt('-k', 1000), 10)
    .option('--learn-next <n>', 'how many missing skills to list', positiveInt('--learn-next', 1000), 10)
    .option('--taxonomy <file>', 'a skills taxonomy file added to the built-in one (as for ingest)');
  return addFilterOptions(command).action(async (flags: MatchFlags, cmd: Command) => {
    const resume = await readResume(flags.resume);
    await withDatabase(cmd, async ({ database, embedder, json }) => {
      const result = await matchResume(database.db, embedder, resume, {
        k: flags.k,
        learnNext: flags.learnNext,
        filters: filtersFrom(flags),
        taxonomyFile: flags.taxonomy,
      });
      if (json) return printJson(result);
      console.log(`Skills in the resume: ${result.resumeSkills.join(', ') || '(none recognised)'}\n`);
      printTable(result.matches, {
        id: (m) => m.id,
        title: (m) => truncate(m.title, 38),
        company: (m) => truncate(m.company ?? '', 22),
        has: (m) => list(m.matchedSkills),
        lacks: (m) => list(m.missingSkills),
      });
      if (result.learnNext.length > 0) {
        console.log(`\nWhat to learn next (asked for by this many of the ${result.matches.length} postings):`);
        printTable(result.learnNext, { skill: (s) => s.skill, postings: (s) => s.postings });
      }
    });
  });
}
