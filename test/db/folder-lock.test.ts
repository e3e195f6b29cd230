/**
 * The embedded data folder's lock (issue 10 case 3): a live owner is refused with its pid and
 * command, a dead owner's lock (kill -9) is taken over, a recycled pid is not taken for the owner.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockFolder } from '../../src/db/folder-lock.ts';

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'jobsight-lock-'));
  folders.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A pid that surely does not run: a child that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ['-e', '0']).pid!;
}

describe('embedded folder lock', () => {
  it('writes the owner, refuses a second taker with its pid and command, and frees on release', () => {
    const dir = folder();
    const lock = lockFolder(dir, 'jobsight ingest big.csv');
    const owner = JSON.parse(readFileSync(path.join(dir, 'lock'), 'utf8'));
    expect(owner).toMatchObject({ pid: process.pid, command: 'jobsight ingest big.csv', host: hostname() });
    // The same process opening it twice is refused too (PGlite would hold two copies).
    expect(() => lockFolder(dir, 'again')).toThrow(/already open in this process/);
    lock.release();
    expect(existsSync(path.join(dir, 'lock'))).toBe(false);
    lockFolder(dir).release();
  });

  it('names the live owner of the lock', () => {
    const dir = folder();
    // The parent of this test process is alive for sure.
    writeFileSync(
      path.join(dir, 'lock'),
      JSON.stringify({ pid: process.ppid, command: 'jobsight serve --port 8080', host: hostname(), since: '2026-01-01T00:00:00.000Z' }),
    );
    expect(() => lockFolder(dir)).toThrow(new RegExp(`in use by another process: pid ${process.ppid} \\(jobsight serve --port 8080\\)`));
  });

  it('takes over the lock of a process that died (kill -9 leaves it behind)', () => {
    const dir = folder();
    writeFileSync(
      path.join(dir, 'lock'),
      JSON.stringify({ pid: deadPid(), command: 'jobsight ingest x.csv', host: hostname(), since: '2026-01-01T00:00:00.000Z' }),
    );
    const lock = lockFolder(dir, 'jobsight jobs add');
    expect(JSON.parse(readFileSync(path.join(dir, 'lock'), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it.skipIf(!existsSync('/proc/self/stat'))('takes over a lock whose pid now belongs to another process (start time differs)', () => {
    const dir = folder();
    writeFileSync(
      path.join(dir, 'lock'),
      JSON.stringify({ pid: process.ppid, command: 'old', host: hostname(), since: '2020-01-01T00:00:00.000Z', startTicks: '1' }),
    );
    lockFolder(dir).release();
  });
});
