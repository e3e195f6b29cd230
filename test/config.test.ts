import { describe, expect, it } from 'vitest';
import { describeDatabase, resolveConfig } from '../src/config.ts';

describe('configuration', () => {
  it('defaults to the embedded database and the offline embedder', () => {
    const config = resolveConfig({}, {});
    expect(config.database).toMatchObject({ kind: 'embedded' });
    expect(config.database.kind === 'embedded' && config.database.dataDir).toMatch(/\.jobsight$/);
    expect(config.embedder).toEqual({ provider: 'semantic', dimensions: 384 });
    expect(config.embedderChosen).toBe(false);
  });

  it('takes a flag over the environment over the default', () => {
    const env = { DATABASE_URL: 'postgres://u:secret@db:5432/jobs', JOBSIGHT_POOL_MAX: '4' };
    expect(resolveConfig({}, env).database).toMatchObject({ kind: 'server', pool: { max: 4, idleTimeoutMillis: 30_000 } });
    expect(resolveConfig({ poolMax: 7 }, env).database).toMatchObject({ pool: { max: 7 } });
    expect(resolveConfig({ dataDir: '/tmp/x' }, { JOBSIGHT_DATA_DIR: '/tmp/y' }).database).toEqual({ kind: 'embedded', dataDir: '/tmp/x' });
  });

  it('reads replica URLs from repeated flags (commas too) over JOBSIGHT_READ_URLS, and the most lag allowed', () => {
    const env = { DATABASE_URL: 'postgres://db/jobs', JOBSIGHT_READ_URLS: 'postgres://r1/jobs, postgres://r2/jobs', JOBSIGHT_MAX_REPLICA_LAG: '30' };
    expect(resolveConfig({}, env).database).toMatchObject({ readUrls: ['postgres://r1/jobs', 'postgres://r2/jobs'], maxReplicaLagSeconds: 30 });
    expect(resolveConfig({ readUrl: ['postgres://r3/jobs', 'postgres://r4/jobs,postgres://r3/jobs'], maxReplicaLag: 0 }, env).database).toMatchObject(
      {
        readUrls: ['postgres://r3/jobs', 'postgres://r4/jobs'],
        maxReplicaLagSeconds: 0,
      },
    );
    expect(resolveConfig({}, { DATABASE_URL: 'postgres://db/jobs' }).database).toMatchObject({ readUrls: [], maxReplicaLagSeconds: 10 });
    expect(() => resolveConfig({ readUrl: ['http://u:secret@r1/jobs'] }, { DATABASE_URL: 'postgres://db/jobs' })).toThrow(
      'the read replica URL "http://u:***@r1/jobs" is not a postgres:// URL',
    );
    expect(() => resolveConfig({}, { ...env, JOBSIGHT_MAX_REPLICA_LAG: '-1' })).toThrow(
      /replica lag \(--max-replica-lag, JOBSIGHT_MAX_REPLICA_LAG\)/,
    );
  });

  it('never shows the password of the server URL', () => {
    const config = resolveConfig({}, { DATABASE_URL: 'postgres://u:secret@db:5432/jobs' });
    expect(describeDatabase(config.database)).toBe('PostgreSQL server postgres://u:***@db:5432/jobs');
  });

  it('rejects bad values with the setting and the value named', () => {
    expect(() => resolveConfig({}, { DATABASE_URL: 'postgres://x/y', JOBSIGHT_POOL_MAX: 'lots' })).toThrow(
      /pool size \(--pool-max, JOBSIGHT_POOL_MAX\): must be a whole number of 1 or more \(got "lots"\)/,
    );
    expect(() => resolveConfig({ embedder: 'magic' }, {})).toThrow('unknown embedder "magic"');
  });

  it('configures an OpenAI-compatible embedder from the environment, and insists on model and dimensions', () => {
    const env = { JOBSIGHT_EMBEDDER: 'openai', JOBSIGHT_EMBED_MODEL: 'nomic-embed-text', JOBSIGHT_EMBED_DIMENSIONS: '768', OPENAI_API_KEY: 'k' };
    expect(resolveConfig({ embedUrl: 'http://127.0.0.1:11434/v1' }, env).embedder).toEqual({
      provider: 'openai',
      dimensions: 768,
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'nomic-embed-text',
      apiKey: 'k',
    });
    expect(() => resolveConfig({ embedder: 'openai' }, {})).toThrow(/needs a model and its dimensions/);
  });
});
