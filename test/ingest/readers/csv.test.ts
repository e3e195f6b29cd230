import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/ingest/readers/csv.ts';
import { collect, sourceFromText } from './helpers.ts';

describe('readCsv', () => {
  it('drops the BOM, sniffs ";" and gives each row the line it starts on, across quoted line breaks', async () => {
    const csv = [
      '\uFEFFJob Title;Company;Description',
      'Nurse;NHS Leeds;"Band 5.',
      'Nights; weekends."',
      '',
      'GP;"Arlesey; Medical";"One',
      '',
      'Three"',
      'Porter;NHS York;Simple',
    ].join('\n');
    const items = await collect(readCsv(sourceFromText('jobs.csv', csv)));
    expect(items).toEqual([
      {
        kind: 'record',
        origin: { file: 'jobs.csv', line: 2 },
        record: { 'Job Title': 'Nurse', Company: 'NHS Leeds', Description: 'Band 5.\nNights; weekends.' },
      },
      {
        kind: 'record',
        origin: { file: 'jobs.csv', line: 5 },
        record: { 'Job Title': 'GP', Company: 'Arlesey; Medical', Description: 'One\n\nThree' },
      },
      { kind: 'record', origin: { file: 'jobs.csv', line: 8 }, record: { 'Job Title': 'Porter', Company: 'NHS York', Description: 'Simple' } },
    ]);
  });

  it('counts CRLF inside quoted fields once (csv-parse counts it twice)', async () => {
    const csv = 'title,description\r\nA,"one\r\ntwo\r\nthree"\r\nB,"x\r\ny"\r\nC,plain\r\n';
    const items = await collect(readCsv(sourceFromText('crlf.csv', csv)));
    expect(items.map((item) => item.origin.line)).toEqual([2, 5, 7]);
  });

  it('reports a row with the wrong number of fields and goes on', async () => {
    const csv = 'title,company,city\nA,B,C\nD,E\nF,G,H,I\nJ,K,L\n';
    const items = await collect(readCsv(sourceFromText('short.csv', csv)));
    expect(items.map((item) => [item.kind, item.origin.line])).toEqual([
      ['record', 2],
      ['error', 3],
      ['error', 4],
      ['record', 5],
    ]);
    expect(items[1]).toMatchObject({ reason: 'row has 2 fields but the header has 3; check the delimiter and the quoting of this row' });
  });

  it('keeps stray quotes inside unquoted fields as text', async () => {
    const items = await collect(readCsv(sourceFromText('q.csv', 'title,size\nMonitor,27" screen\n')));
    expect(items).toEqual([{ kind: 'record', origin: { file: 'q.csv', line: 2 }, record: { title: 'Monitor', size: '27" screen' } }]);
  });

  it('reports an unclosed quote on the line its row starts and reads the rows after it (they were swallowed and it was reported at the end)', async () => {
    const csv = 'title,description\nA,fine\nB,"never closed\nC,kept\n\nD,"multi\nline"\nE,"also never closed\r\nF,kept too\r\n';
    const items = await collect(readCsv(sourceFromText('open.csv', csv)));
    expect(items.map((i) => (i.kind === 'record' ? [i.origin.line, i.record.title] : [i.origin.line, 'error']))).toEqual([
      [2, 'A'],
      [3, 'error'],
      [4, 'C'],
      [6, 'D'],
      [8, 'error'],
      [9, 'F'],
    ]);
    expect(items[1]).toMatchObject({ kind: 'error', reason: expect.stringMatching(/^a quoted field starts on this row and is never closed/) });
  });

  it('stops with a clear error when the header line opens a quote that never closes', async () => {
    await expect(collect(readCsv(sourceFromText('h.csv', '"title,description\nA,b\n')))).rejects.toThrow(/h\.csv:1: the header line opens a quote/);
  });

  it('names unnamed and repeated columns so no value is lost', async () => {
    const items = await collect(readCsv(sourceFromText('cols.csv', ',title,title\n0,A,B\n')));
    expect(items[0]).toMatchObject({ record: { '(column 1)': '0', title: 'A', 'title (2)': 'B' } });
  });

  it('uses a given delimiter instead of sniffing', async () => {
    const items = await collect(readCsv(sourceFromText('pipes.csv', 'a,b|c\n1,2|3\n'), { delimiter: '|' }));
    expect(items[0]).toMatchObject({ record: { 'a,b': '1,2', c: '3' } });
  });
});
