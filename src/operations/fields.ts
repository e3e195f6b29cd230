/**
 * An operation's input as the front ends see it: a flat list of fields read from its schema
 * (nested objects such as `filters` are spread one level: `filters.country` is the field
 * `country`), and the one function that turns values given as text (CLI flags and arguments, URL
 * query and path parameters) into the operation's input, checked by its schema.
 */
import { z } from 'zod';
import type { Issue } from '../core/errors.ts';
import { dottedPath, fromText, invalidInput, parseInput, type TextKind, TextValueError } from '../core/validation.ts';
import type { AnyOperation } from './operation.ts';

export interface FieldInfo {
  /** The name in flags (kebab-cased) and query parameters. */
  name: string;
  /** Where it goes in the input object: `['k']`, `['filters', 'country']`. */
  path: string[];
  kind: TextKind;
  description: string;
  required: boolean;
  default?: unknown;
  /** Allowed values, when the field (or each list item) is one of a set. */
  choices?: readonly string[];
  /** Only on the command line (the reason), or absent. */
  cliOnly?: string;
  /** Given as the n-th CLI positional argument, shown as `shownAs`. */
  arg?: { position: number; shownAs: string };
}

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  default?: unknown;
  description?: string;
  anyOf?: JsonSchema[];
}

function kindOf(schema: JsonSchema): TextKind {
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  if (type === 'integer') return 'integer';
  if (type === 'number') return 'number';
  if (type === 'boolean') return 'boolean';
  if (type === 'array') return 'list';
  return 'text';
}

const cache = new WeakMap<AnyOperation, FieldInfo[]>();

/** The operation's fields in declaration order, nested objects spread one level. */
export function fieldsOf(operation: AnyOperation): FieldInfo[] {
  const known = cache.get(operation);
  if (known) return known;
  const root = z.toJSONSchema(operation.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  const args = (operation.args ?? []).map((a) => (typeof a === 'string' ? [a, a] : a));
  const fields: FieldInfo[] = [];
  const add = (name: string, path: string[], schema: JsonSchema, required: boolean) => {
    const position = args.findIndex(([field]) => field === name);
    const items = schema.items ?? {};
    fields.push({
      name,
      path,
      kind: kindOf(schema),
      description: schema.description ?? '',
      required,
      ...(schema.default !== undefined ? { default: schema.default } : {}),
      ...(schema.enum || items.enum ? { choices: (schema.enum ?? items.enum) as string[] } : {}),
      ...(operation.cliOnly?.[name] ? { cliOnly: operation.cliOnly[name] } : {}),
      ...(position >= 0 ? { arg: { position, shownAs: args[position]![1]! } } : {}),
    });
  };
  for (const [name, schema] of Object.entries(root.properties ?? {})) {
    const required = root.required?.includes(name) === true && schema.default === undefined;
    if (schema.type === 'object' && schema.properties) {
      for (const [inner, innerSchema] of Object.entries(schema.properties)) add(inner, [name, inner], innerSchema, false);
    } else add(name, [name], schema, required);
  }
  cache.set(operation, fields);
  return fields;
}

const lookups = new WeakMap<AnyOperation, { fields: Map<string, FieldInfo>; byPath: Map<string, FieldInfo> }>();

/** The operation's fields by name and by dotted path, made once per operation (inputFromText runs on every request). */
function fieldLookup(operation: AnyOperation) {
  let lookup = lookups.get(operation);
  if (!lookup) {
    const fields = fieldsOf(operation);
    lookup = { fields: new Map(fields.map((f) => [f.name, f])), byPath: new Map(fields.map((f) => [f.path.join('.'), f])) };
    lookups.set(operation, lookup);
  }
  return lookup;
}

/** Values as the front ends receive them: text, lists of text (a repeated parameter, variadic arguments), or booleans (flags). */
export type GivenValues = Record<string, string | string[] | boolean | undefined>;

export interface FromTextOptions {
  /** What the input is called: `query parameters`, `options`. */
  what: string;
  /** What an unknown field is called: `query parameter`, `option`. */
  noun: string;
  /** Names that are accepted although no field has them (handled by the transport). */
  ignore?: readonly string[];
  /** JSON fields merged in after the text ones (a request body). */
  body?: Record<string, unknown>;
}

function setAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let at = target;
  for (const key of path.slice(0, -1)) {
    at[key] ??= {};
    at = at[key] as Record<string, unknown>;
  }
  at[path[path.length - 1]!] = value;
}

/**
 * The operation's input from values given as text, checked by its schema; throws an
 * InvalidInputError naming each bad field by its flat name, with the text it was given.
 *
 * @example inputFromText(searchOperation, { q: 'nurse', k: '5', country: 'GB,IE' }, { what: 'query parameters', noun: 'query parameter' })
 */
export function inputFromText(operation: AnyOperation, given: GivenValues, options: FromTextOptions): z.output<AnyOperation['input']> {
  const { fields, byPath } = fieldLookup(operation);
  const input: Record<string, unknown> = { ...options.body };
  const issues: Issue[] = [];
  const raw = new Map<string, string>();
  for (const [name, value] of Object.entries(given)) {
    if (value === undefined || options.ignore?.includes(name)) continue;
    const field = fields.get(name);
    if (!field) {
      issues.push({ path: name, message: `unknown ${options.noun}` });
      continue;
    }
    if (typeof value === 'boolean') {
      setAt(input, field.path, value);
      continue;
    }
    if (Array.isArray(value) && field.kind !== 'list') {
      issues.push({ path: name, message: `given ${value.length} times; give it once` });
      continue;
    }
    try {
      const texts = Array.isArray(value) ? value : [value];
      raw.set(field.path.join('.'), texts.join(','));
      const converted = field.kind === 'list' ? texts.flatMap((t) => fromText('list', t) as string[]) : fromText(field.kind, texts[0]!);
      setAt(input, field.path, converted);
    } catch (error) {
      if (!(error instanceof TextValueError)) throw error;
      issues.push({ path: name, message: `${error.message} (got ${JSON.stringify(String(value))})` });
    }
  }
  if (issues.length > 0) throw invalidInput(issues, { what: options.what, status: operation.invalidStatus });
  const flatName = (path: readonly PropertyKey[]) => {
    for (let n = path.length; n > 0; n--) {
      const field = byPath.get(path.slice(0, n).join('.'));
      if (field) return dottedPath([field.name, ...path.slice(n)]);
    }
    return dottedPath(path);
  };
  return parseInput(operation.input, input, {
    what: options.what,
    noun: options.noun,
    label: flatName,
    given: (path) => raw.get(path.map(String).join('.')),
    status: operation.invalidStatus,
  });
}

/** The operation's input from a JSON value (a request body), fields named by their dotted path. */
export function inputFromJson(operation: AnyOperation, body: unknown, extra: GivenValues, options: FromTextOptions): z.output<AnyOperation['input']> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw invalidInput([{ path: '(body)', message: 'must be a JSON object' }], { what: 'request body' });
  }
  return inputFromText(operation, extra, { ...options, body: body as Record<string, unknown> });
}
