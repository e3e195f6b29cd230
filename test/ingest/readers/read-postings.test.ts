import zlib from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { describeFileMapping, readPostings } from '../../../src/ingest/readers/read-postings.ts';
import { collect, temporaryFolder } from './helpers.ts';

const folder = temporaryFolder();
afterAll(() => folder.remove());

const csv = '\uFEFFJob Title;Company Name;Salary\nNurse;NHS Leeds;"£28,407 -\n£34,581"\nGP;NHS York;-1\n';

describe('readPostings', () => {
  it('reads a gzipped CSV transparently, by extension or by content', async () => {
    for (const name of ['jobs.csv.gz', 'jobs-without-extension']) {
      const file = folder.write(name, zlib.gzipSync(csv));
      const items = await collect(readPostings(file));
      expect(items).toEqual([
        { kind: 'posting', origin: { file, line: 2 }, raw: { title: 'Nurse', company: 'NHS Leeds', salaryText: '£28,407 -\n£34,581' } },
        { kind: 'posting', origin: { file, line: 4 }, raw: { title: 'GP', company: 'NHS York', salaryText: '-1' } },
      ]);
    }
  });

  it('reads gzipped JSON Lines and JSON', async () => {
    const jsonl = folder.write('jobs.jsonl.gz', zlib.gzipSync('{"title":"A"}\nnot json\n{"title":"B"}\n'));
    expect((await collect(readPostings(jsonl))).map((item) => [item.kind, item.origin.line])).toEqual([
      ['posting', 1],
      ['error', 2],
      ['posting', 3],
    ]);
    const json = folder.write('jobs.json.gz', zlib.gzipSync('[{"title":"A"},{"title":"B"}]'));
    expect((await collect(readPostings(json))).map((item) => item.kind === 'posting' && item.raw.title)).toEqual(['A', 'B']);
  });

  it('applies an explicit mapping and format', async () => {
    const file = folder.write('export.txt', 'Role|Firm\nNurse|NHS\n');
    const items = await collect(readPostings(file, { format: 'csv', delimiter: '|', mapping: { title: 'Role', company: 'Firm' } }));
    expect(items).toEqual([{ kind: 'posting', origin: { file, line: 2 }, raw: { title: 'Nurse', company: 'NHS' } }]);
  });

  it('says which file is missing and what to do', async () => {
    const missing = `${folder.dir}/nope.csv`;
    await expect(collect(readPostings(missing))).rejects.toThrow(`${missing}: no such file`);
    await expect(collect(readPostings(folder.dir))).rejects.toThrow(/is a folder, not a file/);
  });

  it('stops on an unknown mapping target before reading', async () => {
    const file = folder.write('a.csv', 'title\nGP\n');
    await expect(collect(readPostings(file, { mapping: { titel: 'title' } as never }))).rejects.toThrow(/unknown target field "titel"/);
  });

  it('reports a damaged gzip file by name', async () => {
    const good = zlib.gzipSync(`title\n${'GP\n'.repeat(5_000)}`);
    const file = folder.write('broken.csv.gz', Buffer.concat([good.subarray(0, good.length - 40), Buffer.from('garbage')]));
    await expect(collect(readPostings(file))).rejects.toThrow(/broken\.csv\.gz: the gzip data is damaged/);
  });
});

describe('describeFileMapping', () => {
  it('describes the mapping of the first record', async () => {
    const file = folder.write('d.csv', csv);
    const description = await describeFileMapping(file);
    expect(description?.fields.filter((f) => f.source).map((f) => `${f.target}<-${f.source}`)).toEqual([
      'title<-Job Title',
      'company<-Company Name',
      'salaryText<-Salary',
    ]);
    expect(description?.unmapped).toEqual([]);
  });
});
