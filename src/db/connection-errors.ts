/**
 * Telling a lost or refused database connection from every other failure: the first is worth
 * retrying (ingest) or answering with 503 (the API), the second is a bug or bad input.
 */

// SQLSTATEs that mean "the server went away or is not taking sessions now"
// (https://www.postgresql.org/docs/current/errcodes-appendix.html): class 08 connection
// exceptions, 57P01 admin_shutdown (pg_ctl stop/restart), 57P02 crash_shutdown,
// 57P03 cannot_connect_now (starting up, shutting down), 53300 too_many_connections.
const LOST_SQLSTATE = /^(08...|57P0[123]|53300)$/;

// Socket errors from Node while connecting or talking to the server.
const LOST_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

// node-postgres says these in plain messages, with no code.
const LOST_MESSAGE = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Client was closed and is not queryable|Connection ended unexpectedly/i;

/**
 * True when `error` (or any error in its `cause` chain: Drizzle wraps driver errors) says the
 * connection to the server was lost or could not be made.
 *
 * @example isConnectionLost(new Error('Connection terminated unexpectedly')) // true
 * @example isConnectionLost(Object.assign(new Error('duplicate key'), { code: '23505' })) // false
 */
export function isConnectionLost(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, message, errors } = e as { code?: unknown; message?: unknown; errors?: unknown };
    if (typeof code === 'string' && (LOST_SQLSTATE.test(code) || LOST_ERRNO.has(code))) return true;
    if (typeof message === 'string' && LOST_MESSAGE.test(message)) return true;
    // Connecting to "localhost" tries ::1 and 127.0.0.1: Node reports an AggregateError of both.
    if (Array.isArray(errors) && errors.some(isConnectionLost)) return true;
  }
  return false;
}

/** The driver's own words for a lost connection, for a one-line message. */
export function connectionLostMessage(error: unknown): string {
  for (let e: unknown = error; e && typeof e === 'object'; e = (e as { cause?: unknown }).cause) {
    const { code, message, errors } = e as { code?: unknown; message?: unknown; errors?: unknown };
    if (message === '' && Array.isArray(errors) && errors.length > 0) return connectionLostMessage(errors[errors.length - 1]);
    if (typeof message === 'string' && message && !message.startsWith('Failed query')) {
      return typeof code === 'string' && !message.includes(code) ? `${message} (${code})` : message;
    }
  }
  return String(error);
}
