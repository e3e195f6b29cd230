import { describe, expect, it } from 'vitest';
import { readJsonLines } from '../../../src/ingest/readers/jsonl.ts';
import { collect, sourceFromText } from './helpers.ts';

describe('readJsonLines', () => {
  it('reports a broken line with its number and the parser message, and reads the lines after it', async () => {
    const jsonl = ['\uFEFF{"title": "Nurse"}', '', '{"title": "GP", "company": ', '   ', '{"title": "Porter"}'].join('\r\n');
    const items = await collect(readJsonLines(sourceFromText('jobs.jsonl', jsonl)));
    expect(items.map((item) => [item.kind, item.origin.line])).toEqual([
      ['record', 1],
      ['error', 3],
      ['record', 5],
    ]);
    expect(items[0]).toMatchObject({ record: { title: 'Nurse' } });
    expect(items[1]).toMatchObject({ origin: { file: 'jobs.jsonl', line: 3 } });
    // The JSON parser's own message is kept (its wording varies between Node versions).
    let parserMessage = '';
    try {
      JSON.parse('{"title": "GP", "company": ');
    } catch (error) {
      parserMessage = (error as Error).message;
    }
    expect(items[1]).toMatchObject({ reason: `invalid JSON: ${parserMessage}; the line was skipped` });
    expect(items[2]).toMatchObject({ record: { title: 'Porter' } });
  });

  it('expands a JSON-LD @graph line and reports values that are not postings', async () => {
    const jsonl = [
      JSON.stringify({ '@context': 'https://schema.org', '@graph': [{ '@type': 'WebPage' }, { '@type': 'JobPosting', title: 'GP' }] }),
      JSON.stringify({ '@type': 'Organization', name: 'NHS' }),
      '[1, 2]',
    ].join('\n');
    const items = await collect(readJsonLines(sourceFromText('ld.jsonl', jsonl)));
    expect(items).toEqual([
      { kind: 'record', origin: { file: 'ld.jsonl', line: 1 }, record: { '@type': 'JobPosting', title: 'GP' } },
      { kind: 'error', origin: { file: 'ld.jsonl', line: 2 }, reason: '@type is "Organization", not JobPosting; skipped' },
      { kind: 'error', origin: { file: 'ld.jsonl', line: 3 }, reason: 'expected a JSON object, found an array' },
    ]);
  });
});
