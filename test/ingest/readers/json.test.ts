import { describe, expect, it } from 'vitest';
import { readJson } from '../../../src/ingest/readers/json.ts';
import { collect, sourceFromText } from './helpers.ts';

describe('readJson', () => {
  it('streams a top-level array; the origin line is the element position', async () => {
    const json = '\uFEFF[\n  {"title": "Nurse"},\n  {"@type": "JobPosting", "title": "GP"},\n  {"@type": "Organization"}\n]\n';
    const items = await collect(readJson(sourceFromText('jobs.json', json)));
    expect(items).toEqual([
      { kind: 'record', origin: { file: 'jobs.json', line: 1 }, record: { title: 'Nurse' } },
      { kind: 'record', origin: { file: 'jobs.json', line: 2 }, record: { '@type': 'JobPosting', title: 'GP' } },
      { kind: 'error', origin: { file: 'jobs.json', line: 3 }, reason: '@type is "Organization", not JobPosting; skipped' },
    ]);
  });

  it('streams the JobPostings of a JSON-LD @graph and skips its other nodes', async () => {
    const json = JSON.stringify(
      {
        '@context': 'https://schema.org',
        '@graph': [
          { '@type': 'WebPage', name: 'Vacancy' },
          { '@type': 'JobPosting', title: 'Staff Nurse', hiringOrganization: { name: 'NHS Leeds' } },
          { '@type': ['JobPosting'], title: 'Porter' },
        ],
      },
      null,
      2,
    );
    const items = await collect(readJson(sourceFromText('ld.json', json)));
    expect(items.map((item) => (item.kind === 'record' ? [item.record.title, item.origin.line] : item))).toEqual([
      ['Staff Nurse', 2],
      ['Porter', 3],
    ]);
  });

  it('reads a single posting object', async () => {
    const json = '{\n  "@context": "https://schema.org",\n  "@type": "JobPosting",\n  "title": "GP"\n}\n';
    const items = await collect(readJson(sourceFromText('one.json', json)));
    expect(items).toEqual([
      { kind: 'record', origin: { file: 'one.json', line: 1 }, record: { '@context': 'https://schema.org', '@type': 'JobPosting', title: 'GP' } },
    ]);
  });

  it('says why a document has no posting', async () => {
    const json = '{"@context": "https://schema.org", "@graph": [{"@type": "WebPage"}]}';
    const items = await collect(readJson(sourceFromText('none.json', json)));
    expect(items).toEqual([{ kind: 'error', origin: { file: 'none.json', line: 1 }, reason: '@graph holds no JobPosting node; skipped' }]);
  });

  it('reports a syntax error with its real line and stops there', async () => {
    const json = '[\n  {"title": "A"},\n  {"title" "B"},\n  {"title": "C"}\n]\n';
    const items = await collect(readJson(sourceFromText('bad.json', json)));
    const last = items.at(-1);
    expect(last).toMatchObject({ kind: 'error', origin: { file: 'bad.json', line: 3 } });
    expect(last).toMatchObject({ reason: expect.stringMatching(/^invalid JSON at column \d+: .+; reading stopped here/) });
    expect(items.some((item) => item.kind === 'record' && item.record.title === 'C')).toBe(false);
  });

  it('refuses content that is not JSON', async () => {
    await expect(collect(readJson(sourceFromText('x.json', 'title,company\n')))).rejects.toThrow(/x\.json: not JSON/);
  });
});
