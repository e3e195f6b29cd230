import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat, formatFromExtension, sniffDelimiter, sniffFormat } from '../../../src/ingest/readers/detect-format.ts';

const text = (s: string) => Buffer.from(s, 'utf8');

describe('formatFromExtension', () => {
  it('knows the usual extensions, with or without .gz, in any case', () => {
    expect(formatFromExtension('jobs.csv')).toBe('csv');
    expect(formatFromExtension('jobs.TSV')).toBe('tsv');
    expect(formatFromExtension('jobs.ndjson.gz')).toBe('jsonl');
    expect(formatFromExtension('dir.v2/jobs.jsonl')).toBe('jsonl');
    expect(formatFromExtension('jobs.json.gz')).toBe('json');
    expect(formatFromExtension('jobs.txt')).toBeUndefined();
    expect(formatFromExtension('jobs')).toBeUndefined();
  });
});

describe('sniffFormat', () => {
  it('tells JSON arrays, JSON Lines and pretty-printed objects apart', () => {
    expect(sniffFormat(text('  [{"title": "GP"}]'))).toBe('json');
    expect(sniffFormat(text('{"title":"GP"}\n{"title":"Nurse"}\n'))).toBe('jsonl');
    expect(sniffFormat(text('{\n  "title": "GP"\n}\n'))).toBe('json');
    expect(sniffFormat(text('\uFEFF{"title":"GP"}\n'))).toBe('jsonl');
  });

  it('reads other text as CSV, or TSV when tabs win', () => {
    expect(sniffFormat(text('title,company\nGP,NHS\n'))).toBe('csv');
    expect(sniffFormat(text('title\tcompany\tcity\nGP\tNHS\tLeeds\n'))).toBe('tsv');
  });

  it('gives up on binary content', () => {
    expect(sniffFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).toBeUndefined();
    expect(sniffFormat(zlib.gzipSync('a,b\n'))).toBeUndefined();
  });
});

describe('sniffDelimiter', () => {
  it('counts , tab ; | in the header line, outside quotes', () => {
    expect(sniffDelimiter('title;company;"city, region"\nGP;NHS;"Leeds, West Yorkshire"\n')).toBe(';');
    expect(sniffDelimiter('title|company|city\n')).toBe('|');
    expect(sniffDelimiter('"a;b;c;d",x,y\n')).toBe(',');
    expect(sniffDelimiter('title\n')).toBe(',');
  });
});

describe('detectFormat', () => {
  it('prefers an explicit format, then the extension, then the content', () => {
    expect(detectFormat('jobs.csv', text('{"a":1}\n'), 'jsonl')).toBe('jsonl');
    expect(detectFormat('jobs.csv', text('{"a":1}\n'))).toBe('csv');
    expect(detectFormat('export', text('{"a":1}\n{"a":2}\n'))).toBe('jsonl');
  });

  it('reads a .json file whose content is plainly JSON Lines as JSONL', () => {
    expect(detectFormat('jobs.json', text('{"a":1}\n{"a":2}\n'))).toBe('jsonl');
    expect(detectFormat('jobs.json', text('{"a":1}\n'))).toBe('json');
  });

  it('says what to do when it cannot tell', () => {
    expect(() => detectFormat('jobs.xlsx', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00]))).toThrow(
      /jobs\.xlsx: cannot tell the format; the content is a ZIP archive/,
    );
    expect(() => detectFormat('jobs', text('a,b\n'), 'xml' as never)).toThrow(/Unknown input format "xml"/);
  });
});
