/**
 * A database made with the hashing embedder (the default before the semantic one) keeps working
 * when the user names no embedder, says once how to move, and `db reembed` moves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCliWorkspace, type CliWorkspace } from '../helpers/cli.ts';

describe('[pglite] jobsight with a database built by the hashing embedder', () => {
  let workspace: CliWorkspace;
  const jobsight = (...args: string[]) => workspace.jobsight(...args);
  beforeAll(async () => {
    workspace = await openCliWorkspace('pglite');
  });
  afterAll(() => workspace?.close());

  // Nine commands, each a process that opens PGlite: minutes on a busy 2-core machine.
  it('uses the recorded embedder with one notice, then db reembed --embedder semantic moves it', { timeout: 300_000 }, async () => {
    for (const title of ['Midwife', 'Data Engineer', 'Porter']) {
      const added = await jobsight('--embedder', 'hash', 'jobs', 'add', '--title', title, '--description', `${title} wanted for our hospital team`);
      expect(added.code).toBe(0);
    }

    const old = await jobsight('search', 'midwife', '--json');
    expect(old.code).toBe(0);
    expect(old.stderr.match(/Move with: jobsight db reembed --embedder semantic/g)).toHaveLength(1);
    expect(old.stderr).toMatch(/vectors come from hash-ngram-v1 \(384 dimensions\), so it is used here/);
    expect((JSON.parse(old.stdout) as { title: string }[])[0]!.title).toBe('Midwife');

    // Naming an embedder is a choice: the mismatch is refused with the way out.
    const chosen = await jobsight('--embedder', 'semantic', 'jobs', 'list');
    expect(chosen.code).toBe(1);
    expect(chosen.stderr).toMatch(/hint: .*jobsight db reembed/);

    const moved = await jobsight('db', 'reembed', '--embedder', 'semantic', '--json');
    expect(moved.code).toBe(0);
    expect(JSON.parse(moved.stdout)).toMatchObject({ from: 'hash-ngram-v1 (384)', to: 'glove-sif-v1+hash-ngram-v1 (384)', reembedded: 3 });

    const now = await jobsight('search', 'delivering babies', '--mode', 'vector', '--json');
    expect(now.stderr).toBe('');
    expect((JSON.parse(now.stdout) as { title: string }[])[0]!.title).toBe('Midwife');
    expect((await jobsight('db', 'info')).stdout).toMatch(/embeddings in db:\s+glove-sif-v1\+hash-ngram-v1, 384 dimensions/);
  });
});
