/**
 * `jobsight` as a long-running child process (serve, a long ingest): its output as it comes, a
 * wait for a line, its exit, and a kill. For one-shot commands use cli.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export const BIN = path.resolve('bin/jobsight.js');

export interface JobsightChild {
  child: ChildProcess;
  pid: number;
  stdout(): string;
  stderr(): string;
  /** Resolves with the first match of `pattern` in stdout + stderr; rejects on exit or after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpMatchArray>;
  /** Exit code and signal, once it has ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** True while the process runs. */
  running(): boolean;
}

export function spawnJobsight(args: string[], env: NodeJS.ProcessEnv): JobsightChild {
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let done = false;
  const listeners = new Set<() => void>();
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
    for (const l of listeners) l();
  });
  child.stderr!.on('data', (c: Buffer) => {
    err += c.toString();
    for (const l of listeners) l();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => {
      done = true;
      for (const l of listeners) l();
      resolve({ code, signal });
    }),
  );
  return {
    child,
    pid: child.pid!,
    stdout: () => out,
    stderr: () => err,
    exited,
    running: () => !done,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const match = (out + err).match(pattern);
          if (match) return finish(() => resolve(match));
          if (done) finish(() => reject(new Error(`jobsight exited before printing ${pattern}:\n${out}\n${err}`)));
        };
        const timer = setTimeout(() => finish(() => reject(new Error(`no ${pattern} after ${timeoutMs} ms:\n${out}\n${err}`))), timeoutMs);
        const finish = (then: () => void) => {
          clearTimeout(timer);
          listeners.delete(check);
          then();
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** A text that must never reach a user: a JavaScript stack frame. */
export const STACK_TRACE = /\n\s+at .+[(:]\d+/;
