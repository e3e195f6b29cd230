/**
 * One process at a time on an embedded data folder. PGlite keeps the whole cluster in the
 * process's memory and writes it back to the folder; two processes on one folder each write
 * their own picture over the other's, silently (issue 10: duplicated ids, lost rows).
 *
 * The lock is a file, `<folder>/lock`, holding the owner's pid, command and start time. It is
 * created atomically (a hard link of a fully written file: the lock never exists half-written).
 * A lock whose process is gone (kill -9, a crash, a reboot) is taken over at once: liveness is
 * checked with kill(pid, 0) and, on Linux, the process start time, so a recycled pid is not
 * mistaken for the owner. Released on close and, as a last resort, on process exit.
 */
import { linkSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import path from 'node:path';
import { JobsightError } from '../core/errors.ts';

export interface LockOwner {
  pid: number;
  command: string;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** Linux: the process start time in clock ticks since boot (/proc/PID/stat field 22). */
  startTicks?: string;
}

export interface FolderLock {
  readonly file: string;
  release(): void;
}

const LOCK_FILE = 'lock';

/**
 * Takes the folder's lock or throws a JobsightError naming the process that has it.
 *
 * @example
 * const lock = lockFolder('/home/me/.jobsight');  // error: ... in use by pid 4242 (jobsight ingest big.csv) since ...
 * try { ... } finally { lock.release(); }
 */
export function lockFolder(folder: string, command = commandLine()): FolderLock {
  const file = path.join(folder, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, command, host: hostname(), since: new Date().toISOString(), startTicks: startTicks(process.pid) };
  const mine = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(mine, `${JSON.stringify(me)}\n`);
  try {
    // A few rounds: each stale lock removed may be raced for by another starting process.
    for (let round = 0; round < 5; round++) {
      try {
        linkSync(mine, file);
        return held(file, me);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw lockError(folder, error);
      }
      const owner = readOwner(file);
      if (owner === undefined) continue; // released meanwhile: try again
      if (owner.pid === process.pid && owner.host === me.host) {
        throw new JobsightError(`the embedded database in ${folder} is already open in this process`, { hint: 'Close it before opening it again.' });
      }
      if (isAlive(owner)) throw inUse(folder, owner);
      takeOverStale(file, owner);
    }
    throw new JobsightError(`could not lock the embedded database in ${folder}: other processes keep taking it`, {
      hint: 'Run one jobsight command at a time on this folder.',
    });
  } finally {
    try {
      unlinkSync(mine);
    } catch {
      // already gone
    }
  }
}

function held(file: string, me: LockOwner): FolderLock {
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.off('exit', release);
    // Only our own lock: never remove one another process took over meanwhile.
    const owner = readOwner(file);
    if (owner?.pid === me.pid && owner.since === me.since) {
      try {
        unlinkSync(file);
      } catch {
        // gone already
      }
    }
  };
  process.on('exit', release);
  return { file, release };
}

/**
 * Removes a dead owner's lock without ever removing a live one: the file is moved aside first
 * (rename is atomic, so only one process gets it), then checked; if what was moved turns out to
 * be a live owner's fresh lock (another process took over in between), it is put back.
 */
function takeOverStale(file: string, stale: LockOwner): void {
  const aside = `${file}.stale.${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return; // someone else moved it: the next round sees what is there now
  }
  const moved = readOwner(aside);
  if (moved && (moved.pid !== stale.pid || moved.since !== stale.since) && isAlive(moved)) {
    try {
      linkSync(aside, file);
    } catch {
      // a third process locked it meanwhile; the next round reports whoever holds it
    }
  }
  try {
    unlinkSync(aside);
  } catch {
    // gone already
  }
}

function readOwner(file: string): LockOwner | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    // Unreadable or not JSON (a lock from a crash mid-write cannot happen: it is linked whole).
    return { pid: 0, command: '(unreadable lock file)', host: hostname(), since: '' };
  }
}

/** Whether the owner still runs. Another host's owner cannot be checked, so it counts as alive. */
function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true;
  if (!Number.isInteger(owner.pid) || owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it exists, owned by another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // Same pid, different start time: the owner died and the pid was given to a new process.
  const ticks = startTicks(owner.pid);
  return owner.startTicks === undefined || ticks === undefined || ticks === owner.startTicks;
}

function startTicks(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Field 2 (the command) may contain spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function inUse(folder: string, owner: LockOwner): JobsightError {
  const serving = /\bserve\b/.test(owner.command);
  return new JobsightError(
    `the embedded database in ${folder} is in use by another process: pid ${owner.pid}${owner.host !== hostname() ? ` on ${owner.host}` : ''} (${owner.command}), since ${owner.since}`,
    {
      hint: serving
        ? 'That process serves the API: send the work to it (for example POST /api/jobs, POST /api/ingest), or stop it first.'
        : 'An embedded database takes one process at a time: wait for that one to finish, or use --data-dir for a separate database (or a PostgreSQL server through DATABASE_URL for concurrent use).',
      status: 409,
    },
  );
}

function lockError(folder: string, error: unknown): JobsightError {
  return new JobsightError(`cannot lock the embedded database in ${folder}: ${(error as Error).message}`, {
    hint: 'Check that the folder is writable.',
    cause: error,
  });
}

/** How this process was started, for the other process's error message: `jobsight ingest big.csv`. */
function commandLine(): string {
  const args = process.argv.slice(2).join(' ');
  return `${path.basename(process.argv[1] ?? 'node').replace(/\.[cm]?[jt]s$/, '')}${args ? ` ${args}` : ''}`.slice(0, 300);
}
