/**
 * Fault suite: every API parameter and body field, read from the app's own OpenAPI document, is
 * sent hostile values (NUL, invalid UTF-8, 100 kB strings, SQL fragments, wrong JSON types,
 * huge and negative numbers). No answer may be a 5xx or carry a stack trace, and a refused
 * request must leave every stored row as it was. Regression for issue 10 case 4: `%00` in any
 * text parameter or body field gave a 500.
 */
import { expect, it } from 'vitest';
import { describeEngines } from '../helpers/engines.ts';
import { tableSnapshot } from '../helpers/table-snapshot.ts';
import { API_KEY, call, logged, testApp } from '../api/client.ts';

/** Query and path values, already percent-encoded where they must reach the server raw. */
const HOSTILE_PARAMS: string[] = [
  '%00',
  'a%00b',
  '%C3%28', // invalid UTF-8
  '%FF%FE',
  encodeURIComponent('x'.repeat(100_000)),
  encodeURIComponent("'; drop table jobs; --"),
  encodeURIComponent('1 OR 1=1'),
  encodeURIComponent('\\'),
  '-1',
  '0',
  '1e308',
  '9'.repeat(40),
  '-9999999999999',
  'NaN',
  'Infinity',
  '0x10',
  '%5B%5D',
  '%7B%7D',
  'null',
  'true',
  '%20',
  '',
  encodeURIComponent('\u202e\u{1F680}'),
];

/** JSON body values: hostile strings and every wrong JSON type. */
const HOSTILE_JSON: unknown[] = [
  '\u0000',
  'nurse\u0000',
  '\uD800', // a lone surrogate: not encodable as UTF-8
  'x'.repeat(100_000),
  "'; drop table jobs; --",
  '',
  ' ',
  true,
  false,
  0,
  -1,
  1e308,
  -1e308,
  Number.MAX_SAFE_INTEGER + 2,
  1.5,
  [],
  ['\u0000'],
  {},
  { $gt: '' },
  null,
  Array.from({ length: 2000 }, (_, i) => i),
];

interface Operation {
  method: string;
  path: string;
  query: string[];
  pathParams: string[];
  bodyFields: string[];
}

function operations(doc: any): Operation[] {
  const ops: Operation[] = [];
  for (const [path, methods] of Object.entries<any>(doc.paths)) {
    for (const [method, op] of Object.entries<any>(methods)) {
      const params: any[] = op.parameters ?? [];
      const schema = op.requestBody?.content?.['application/json']?.schema;
      const resolved = schema?.$ref ? doc.components.schemas[schema.$ref.split('/').pop()] : schema;
      const bodyFields = Object.keys(resolved?.properties ?? {});
      // PATCH takes any job field: fuzz the fields a job has.
      if (resolved && !resolved.properties && path === '/api/jobs/{id}')
        bodyFields.push('title', 'description', 'company', 'salaryMin', 'postedAt', 'skills', 'url', 'unknownField');
      ops.push({
        method: method.toUpperCase(),
        path,
        query: params.filter((p) => p.in === 'query').map((p) => p.name),
        pathParams: params.filter((p) => p.in === 'path').map((p) => p.name),
        bodyFields,
      });
    }
  }
  return ops;
}

/** A body that passes validation, so each fuzzed field is the only thing wrong with it. */
const VALID_BODY: Record<string, Record<string, unknown>> = {
  'POST /api/jobs': { title: 'Fuzz Target', externalId: 'fuzz-base' },
  'PATCH /api/jobs/{id}': {},
  'POST /api/match': { resume: 'Registered nurse with ward experience.' },
};

describeEngines('API under hostile input', ({ database }) => {
  it('answers every hostile parameter and body field without a 5xx or a stack trace, and refusals change nothing', async () => {
    const d = database();
    const app = testApp(d);
    for (const title of ['Staff Nurse', 'Data Analyst', 'Porter']) {
      expect(
        (await call(app, '/api/jobs', { method: 'POST', json: { title, externalId: title, company: 'Fuzz Trust', skills: ['SQL'] }, key: API_KEY }))
          .status,
      ).toBe(201);
    }
    const doc = (await call(app, '/openapi.json')).body;
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(10);
    let baseline = await tableSnapshot(d.db);
    const failures: string[] = [];
    let requests = 0;
    logged.length = 0;

    const send = async (label: string, method: string, url: string, json?: unknown) => {
      requests++;
      const reply = await call(app, url, { method, key: API_KEY, ...(json !== undefined ? { json } : {}) });
      const text = JSON.stringify(reply.body) ?? '';
      if (reply.status >= 500) failures.push(`${label}: ${reply.status} ${text.slice(0, 200)}`);
      if (/\n\s+at .+:\d+/.test(text) || /\\n\s+at .+:\d+/.test(text)) failures.push(`${label}: stack trace in the answer`);
      const after = await tableSnapshot(d.db);
      if (reply.status >= 400 && JSON.stringify(after) !== JSON.stringify(baseline))
        failures.push(`${label}: refused with ${reply.status} but stored rows changed`);
      // A write that was accepted is the new baseline (it stored what it was given, by design).
      baseline = after;
    };

    for (const op of ops) {
      const base = op.path.replace('{id}', '1');
      const body = VALID_BODY[`${op.method} ${op.path}`];
      for (const name of op.query) {
        for (const value of HOSTILE_PARAMS) {
          // Endpoints with a required parameter get a harmless one beside the hostile one.
          const required =
            op.path === '/api/search' && name !== 'q'
              ? '&q=nurse'
              : op.path.startsWith('/api/stats/trends') && name !== 'skills'
                ? '&skills=SQL'
                : '';
          await send(`${op.method} ${op.path} ?${name}=${value.slice(0, 30)}`, op.method, `${base}?${name}=${value}${required}`, body);
        }
      }
      for (const name of op.pathParams) {
        for (const value of HOSTILE_PARAMS.filter((v) => v !== '')) {
          // Deleting by a hostile id that happens to be valid would remove the seed rows: only reads and patches.
          if (op.method === 'DELETE' && /^\d/.test(value)) continue;
          await send(`${op.method} ${op.path} {${name}}=${value.slice(0, 30)}`, op.method, op.path.replace(`{${name}}`, value), body);
        }
      }
      for (const field of op.bodyFields) {
        for (const value of HOSTILE_JSON) {
          await send(`${op.method} ${op.path} body.${field}=${JSON.stringify(value)?.slice(0, 30)}`, op.method, base, {
            ...body,
            [field]: value,
            ...(op.method === 'POST' && op.path === '/api/jobs' ? { externalId: `fuzz-${requests}` } : {}),
          });
        }
      }
    }
    expect(requests).toBeGreaterThan(500);
    expect(failures).toEqual([]);
    expect(logged).toEqual([]);
  }, 600_000);
});
