/**
 * Which parsed JSON values are job postings. Job boards publish schema.org JSON-LD: a
 * `JobPosting` object, or a document whose `@graph` lists it beside other nodes (the
 * Organization, the WebPage). Plain exports have no `@type` at all; we take those as postings.
 */
import type { RecordOrigin } from '../raw-posting.ts';
import type { SourceItem } from './source.ts';

/** A parsed JSON object. */
export type JsonObject = Record<string, unknown>;

/** The postings found in one parsed value, or why there are none. */
export type FoundPostings = { postings: JsonObject[] } | { problem: string };

/** True for a plain JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * True when `@type` names JobPosting, with or without a prefix, alone or in an array.
 *
 * @example
 *   isJobPostingType('JobPosting');                   // true
 *   isJobPostingType(['http://schema.org/JobPosting']); // true
 *   isJobPostingType('Organization');                 // false
 */
export function isJobPostingType(type: unknown): boolean {
  const names = Array.isArray(type) ? type : [type];
  return names.some((name) => typeof name === 'string' && /(^|[/:#])JobPosting$/.test(name));
}

/**
 * The postings in one parsed value: the object itself when it is a JobPosting or has no `@type`;
 * the JobPosting (or untyped) nodes of its `@graph`, where other nodes are skipped silently as
 * JSON-LD puts them there on purpose; otherwise a problem to report.
 *
 * @example
 *   jobPostingsIn({ '@graph': [{ '@type': 'WebPage' }, { '@type': 'JobPosting', title: 'GP' }] });
 *   // { postings: [{ '@type': 'JobPosting', title: 'GP' }] }
 *   jobPostingsIn({ '@type': 'Organization' }); // { problem: '@type is "Organization", not JobPosting; skipped' }
 */
export function jobPostingsIn(value: unknown): FoundPostings {
  if (!isJsonObject(value)) return { problem: `expected a JSON object, found ${describeValue(value)}` };
  const graph = value['@graph'];
  if (graph !== undefined) {
    const nodes = Array.isArray(graph) ? graph : [graph];
    const postings = nodes.filter((node): node is JsonObject => isJsonObject(node) && isPostingNode(node));
    if (postings.length > 0) return { postings };
    return { problem: '@graph holds no JobPosting node; skipped' };
  }
  if (isPostingNode(value)) return { postings: [value] };
  if (value['@type'] === undefined) return { problem: 'the object holds only JSON-LD keywords (@context, @id…); skipped' };
  return { problem: `@type is ${JSON.stringify(value['@type'])}, not JobPosting; skipped` };
}

/**
 * The record items for one parsed value (the JSONL and JSON readers share it): one per posting,
 * all with the same origin, or a single error item saying why there is none.
 *
 * @example
 *   [...itemsFor({ title: 'GP' }, { file: 'a.jsonl', line: 3 })];
 *   // [{ kind: 'record', record: { title: 'GP' }, origin: { file: 'a.jsonl', line: 3 } }]
 */
export function* itemsFor(value: unknown, origin: RecordOrigin): Generator<SourceItem> {
  const found = jobPostingsIn(value);
  if ('problem' in found) {
    yield { kind: 'error', origin, reason: found.problem };
    return;
  }
  for (const record of found.postings) yield { kind: 'record', record, origin };
}

/**
 * The record item for one node of a streamed `@graph`: a JobPosting (or untyped) node becomes a
 * record, any other node (the WebPage, the Organization) is skipped silently, as in `jobPostingsIn`.
 *
 * @example [...graphNodeItems({ '@type': 'WebPage' }, origin)]; // []
 */
export function* graphNodeItems(node: unknown, origin: RecordOrigin): Generator<SourceItem> {
  if (isJsonObject(node) && isPostingNode(node)) yield { kind: 'record', record: node, origin };
}

function isPostingNode(node: JsonObject): boolean {
  if (node['@type'] === undefined) return Object.keys(node).some((key) => !key.startsWith('@'));
  return isJobPostingType(node['@type']);
}

function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return `a ${typeof value}`;
}
