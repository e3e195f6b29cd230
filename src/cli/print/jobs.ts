/** How jobs look on a terminal. */
import type { Job } from '../../core/posting.ts';
import { formatSalary, printFacts, printTable, truncate } from '../output.ts';
import type { Printer } from './printer.ts';

function printJob(job: Job): void {
  printFacts({
    id: job.id,
    title: job.title,
    company: job.company,
    location: [job.city, job.region, job.country].filter(Boolean).join(', '),
    remote: job.remoteMode,
    employment: job.employmentType,
    salary: formatSalary(job),
    'salary (annual)': job.salaryAnnualMin !== null ? `${job.salaryAnnualMin}–${job.salaryAnnualMax} ${job.salaryCurrency}` : '',
    posted: job.postedAt,
    expires: job.expiresAt,
    url: job.url,
    skills: job.skills,
    source: `${job.source} / ${job.externalId}`,
    updated: job.updatedAt,
  });
  if (job.description) process.stdout.write(`\n${job.description}\n`);
}

export const jobsAdd: Printer = {
  json: (jobs: Job[], input: { file?: string }) => (input.file === undefined ? jobs[0] : jobs),
  print: (jobs: Job[]) => {
    for (const job of jobs) console.log(`added job ${job.id}: ${job.title}${job.company ? ` at ${job.company}` : ''}`);
  },
};

export const jobsGet: Printer = { print: printJob };

export const jobsUpdate: Printer = { print: (job: Job) => console.log(`updated job ${job.id}: ${job.title}`) };

export const jobsDelete: Printer = { print: (r: { deleted: number }) => console.log(`deleted job ${r.deleted}`) };

export const jobsList: Printer = {
  print: (rows: Job[]) =>
    printTable(rows, {
      id: (j) => j.id,
      title: (j) => truncate(j.title, 40),
      company: (j) => truncate(j.company ?? '', 28),
      location: (j) => truncate([j.city, j.country].filter(Boolean).join(', '), 24),
      salary: (j) => formatSalary(j),
      posted: (j) => j.postedAt,
    }),
};
