/**
 * The one error type that reaches people. `hint` says what to do; the CLI prints message and
 * hint (no stack trace unless --debug), the HTTP API maps `status` to the response code.
 */
export class JobsightError extends Error {
  readonly hint: string | undefined;
  readonly status: number;

  constructor(message: string, options: { hint?: string; status?: number; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'JobsightError';
    this.hint = options.hint;
    this.status = options.status ?? 400;
  }
}

export class NotFoundError extends JobsightError {
  constructor(message: string, hint?: string) {
    super(message, { hint, status: 404 });
    this.name = 'NotFoundError';
  }
}

/** PostgreSQL error codes we handle by name (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
export const PG_ERROR = {
  uniqueViolation: '23505',
  checkViolation: '23514',
  undefinedTable: '42P01',
  duplicateTable: '42P07',
  undefinedFile: '58P01',
} as const;

/** The SQLSTATE of a PostgreSQL error from either driver (Drizzle wraps them in `cause`). */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
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
  return error instanceof Error ? error.message : String(error);
}
