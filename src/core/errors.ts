/**
 * The errors that reach people, in five kinds: the caller's input (client), a missing thing
 * (not-found), a clash with what is stored (conflict), something Jobsight depends on that is
 * down (unavailable) and a fault of Jobsight's own (internal). `hint` says what to do. The CLI
 * prints message and hint (no stack trace unless --debug); the HTTP API maps the kind to a
 * status in one place (api/errors.ts).
 */

export type ErrorKind = 'client' | 'not-found' | 'conflict' | 'unavailable' | 'internal';

/** The HTTP status of each kind; a client error may be more precise (413 too large, 422 unprocessable). */
export const STATUS_OF_KIND: Record<ErrorKind, number> = { client: 400, 'not-found': 404, conflict: 409, unavailable: 503, internal: 500 };

/** One problem with one input field, e.g. `{ path: 'k', message: 'must be a whole number from 1 to 1000 (got "0")' }`. */
export interface Issue {
  path: string;
  message: string;
}

export interface JobsightErrorOptions {
  hint?: string;
  kind?: ErrorKind;
  /** The HTTP status, when more precise than the kind's (413, 422, 502). */
  status?: number;
  cause?: unknown;
  issues?: Issue[];
}

function kindOfStatus(status: number): ErrorKind {
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status < 500) return 'client';
  return status === 500 ? 'internal' : 'unavailable';
}

/**
 * The base class; raise the subclass that says what went wrong. A bare JobsightError takes its
 * kind from `status`, else from its cause: a lost or refused database connection is
 * `unavailable`, any other underlying failure `internal`; only an error with no cause (one of
 * Jobsight's own checks on what it was given) is a client error.
 */
export class JobsightError extends Error {
  readonly kind: ErrorKind;
  readonly status: number;
  readonly hint: string | undefined;
  readonly issues: Issue[] | undefined;

  constructor(message: string, options: JobsightErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = 'JobsightError';
    const fromCause = options.cause === undefined ? 'client' : isUnavailable(options.cause) ? 'unavailable' : 'internal';
    this.kind = options.kind ?? (options.status === undefined ? fromCause : kindOfStatus(options.status));
    this.status = options.status ?? STATUS_OF_KIND[this.kind];
    this.hint = options.hint;
    this.issues = options.issues;
  }
}

type Options = Omit<JobsightErrorOptions, 'kind'>;

/** The caller's input is wrong (400, or 413 / 422 where that says more). */
export class InvalidInputError extends JobsightError {
  constructor(message: string, options: Options = {}) {
    super(message, { ...options, kind: 'client' });
    this.name = 'InvalidInputError';
  }
}

export class NotFoundError extends JobsightError {
  constructor(message: string, hint?: string) {
    super(message, { hint, kind: 'not-found' });
    this.name = 'NotFoundError';
  }
}

/** What was asked clashes with what is stored: a duplicate key, an index that exists, another embedder's vectors. */
export class ConflictError extends JobsightError {
  constructor(message: string, options: Options = {}) {
    super(message, { ...options, kind: 'conflict' });
    this.name = 'ConflictError';
  }
}

/** Something Jobsight needs is not there or not answering: the database, pgvector, an embedding service. */
export class UnavailableError extends JobsightError {
  constructor(message: string, options: Options = {}) {
    super(message, { ...options, kind: 'unavailable' });
    this.name = 'UnavailableError';
  }
}

/** A failure of Jobsight's own, with what it was doing. */
export class InternalError extends JobsightError {
  constructor(message: string, options: Options = {}) {
    super(message, { ...options, kind: 'internal' });
    this.name = 'InternalError';
  }
}

/** PostgreSQL error codes we handle by name (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
export const PG_ERROR = {
  uniqueViolation: '23505',
  checkViolation: '23514',
  undefinedTable: '42P01',
  duplicateTable: '42P07',
  undefinedFile: '58P01',
  characterNotInRepertoire: '22021',
  /** Shut down by an administrator, crashed, or starting up / shutting down: the connection is gone or refused. */
  adminShutdown: '57P01',
  crashShutdown: '57P02',
  cannotConnectNow: '57P03',
  tooManyConnections: '53300',
} as const;

/** The SQLSTATE of a PostgreSQL error from either driver (Drizzle wraps them in `cause`). */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

// Socket errors of a lost or refused connection, and node-postgres's own words for one.
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const LOST_CONNECTION =
  /Connection terminated|Connection ended unexpectedly|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|connection error and is not queryable|Client was closed and is not queryable|Connection refused/i;
const UNAVAILABLE_SQLSTATES = new Set<string>([
  PG_ERROR.adminShutdown,
  PG_ERROR.crashShutdown,
  PG_ERROR.cannotConnectNow,
  PG_ERROR.tooManyConnections,
]);

/**
 * Whether a failure means the database cannot be reached right now (worth retrying shortly):
 * a refused or reset socket, node-postgres's "Connection terminated", SQLSTATE class 08
 * (connection exception), 57P01-57P03 (shut down, crashed, starting up) or 53300 (too many
 * connections). Looks through Drizzle's and our own `cause` wrappers.
 */
export function isUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    if (e instanceof JobsightError && e !== error) return e.kind === 'unavailable';
    const { code, message } = e as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (SOCKET_CODES.has(code) || code.startsWith('08') || UNAVAILABLE_SQLSTATES.has(code))) return true;
    if (typeof message === 'string' && LOST_CONNECTION.test(message)) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isUnavailable(inner))) return true;
  }
  return false;
}

/** The driver's own words for a lost connection, for a one-line message (Drizzle's "Failed query" wrapper skipped). */
export function connectionLostMessage(error: unknown): string {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, message, errors } = e as { code?: unknown; message?: unknown; errors?: unknown };
    // Connecting to "localhost" tries ::1 and 127.0.0.1: Node reports an AggregateError of both.
    if (message === '' && Array.isArray(errors) && errors.length > 0) return connectionLostMessage(errors[errors.length - 1]);
    if (typeof message === 'string' && message && !message.startsWith('Failed query')) {
      return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
    }
  }
  return String(error);
}

export const DATABASE_UNREACHABLE_HINT = 'The database is not reachable; retry shortly. If it persists, check that the server runs (DATABASE_URL).';

/**
 * Any failure as the error people see: a JobsightError as it is, a lost or refused database
 * connection as `unavailable` with a hint to retry, anything else as undefined (a bug: the
 * front end logs it whole).
 */
export function peopleError(error: unknown): JobsightError | undefined {
  if (error instanceof JobsightError) return error;
  // PostgreSQL cannot hold NUL (0x00) in text: 22021 character_not_in_repertoire. Inputs are
  // checked before they reach it; this catches any path that was missed.
  if (pgErrorCode(error) === PG_ERROR.characterNotInRepertoire) {
    return new InvalidInputError('a text value contains a NUL character (\\u0000), which PostgreSQL cannot store or search', {
      hint: 'Remove NUL characters (%00 in a URL) from the input.',
      cause: error,
    });
  }
  if (isUnavailable(error)) {
    return new UnavailableError(`the database is not reachable: ${causeMessage(error)}`, { hint: DATABASE_UNREACHABLE_HINT, cause: error });
  }
  return undefined;
}

/**
 * The message worth showing for a failure deep in a driver: PostgreSQL's own message (Drizzle
 * wraps it in "Failed query: <sql>"), plus its detail where there is one.
 */
export function causeMessage(error: unknown): string {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, message, detail } = e as { code?: unknown; message?: string; detail?: string };
    if (typeof code === 'string' && message) return detail ? `${message} (${detail})` : message;
  }
  let deepest: unknown = error;
  while (deepest instanceof Error && deepest.cause instanceof Error) deepest = deepest.cause;
  return deepest instanceof Error ? deepest.message : String(error);
}
