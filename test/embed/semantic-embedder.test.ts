import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/embed/index.ts';
import { buildCache, loadWordVectors } from '../../src/embed/semantic/build-cache.ts';
import { SEMANTIC_EMBEDDER_NAME, type SifEmbedder } from '../../src/embed/semantic/sif-embedder.ts';
import { SIF_STATISTICS } from '../../src/embed/semantic/statistics.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
const norm = (a: Float32Array) => Math.sqrt(dot(a, a));

describe('word-vector cache', () => {
  let dir: string;
  let source: string;
  // The package's format: words by frequency; each vector = components, L2 norm, index.
  const words = ['the', 'nurse', 'midwife', 'café', 'node'];
  const vectors = words.map((_, i) => [i + 0.5, -i, 0.25 * i]);
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'jobsight-vectors-'));
    source = path.join(dir, 'vectors.json');
    const entries = Object.fromEntries(words.map((w, i) => [w, [...vectors[i]!, Math.hypot(...vectors[i]!), i]]));
    await writeFile(
      source,
      JSON.stringify({
        precision: 8,
        l2NormIndex: 3,
        wordIndex: 4,
        size: words.length,
        dimensions: 3,
        words,
        vectors: entries,
        unkVector: [0, 0, 0, 0, -1],
      }),
    );
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('converts the JSON into a file whose lookups give the vectors back (int8, within 1/127 of the largest component)', async () => {
    const file = path.join(dir, 'one.bin');
    await buildCache(file, source);
    const loaded = await loadWordVectors({ file, notice: () => {} });
    expect(loaded.size).toBe(words.length);
    for (const [i, word] of words.entries()) {
      expect(loaded.indexOf(word)).toBe(i);
      expect(loaded.wordAt(i)).toBe(word);
      const sum = new Float64Array(3);
      loaded.addTo(sum, i, 2);
      const max = Math.max(...vectors[i]!.map(Math.abs));
      for (const [d, x] of sum.entries()) expect(Math.abs(x - 2 * vectors[i]![d]!)).toBeLessThanOrEqual((2 * max) / 127);
    }
    expect(loaded.indexOf('doctor')).toBe(-1);
    expect(loaded.indexOf('nurses')).toBe(-1);
  });

  it('converts on first use, with a one-line notice, and rebuilds a damaged cache instead of reading garbage', async () => {
    const file = path.join(dir, 'damaged.bin');
    await writeFile(file, 'not a cache');
    const notices: string[] = [];
    expect((await loadWordVectors({ file, source, notice: (line) => notices.push(line) })).indexOf('nurse')).toBe(1);
    expect(notices).toEqual([expect.stringMatching(/converting the GloVe word vectors .* once/)]);
  });

  it('is converted by one of several loaders at once while the others wait, and never read half-written', async () => {
    const file = path.join(dir, 'parallel.bin');
    const notices: string[] = [];
    const loaded = await Promise.all([1, 2, 3].map(() => loadWordVectors({ file, source, notice: (line) => notices.push(line) })));
    expect(loaded.map((v) => v.size)).toEqual([5, 5, 5]);
    expect(notices.filter((n) => n.startsWith('jobsight: converting'))).toHaveLength(1);
    expect(notices.filter((n) => n.startsWith('jobsight: waiting'))).toHaveLength(2);
    await buildCache(file, source); // replacing a cache in use is a rename: readers keep a whole file
    expect((await readFile(file)).byteLength).toBe(loaded[0]!.buffer.byteLength);
  });
});

describe('semantic embedder (GloVe + SIF + hashing features)', () => {
  const embedder = createEmbedder({ provider: 'semantic' });
  beforeAll(() => embedder.ready?.());

  it('names what changes its vectors and returns unit vectors of 384 numbers, the same every time', async () => {
    expect(embedder.name).toBe(SEMANTIC_EMBEDDER_NAME);
    expect(embedder.name).toBe(`${SIF_STATISTICS.name}+hash-ngram-v1`);
    const [a, b, empty, unknown] = await embedder.embed([
      'Staff Nurse\nWard 7, adult nursing',
      'Staff Nurse\nWard 7, adult nursing',
      '',
      'zzqx-4411',
    ]);
    for (const v of [a!, empty!, unknown!]) {
      expect(v).toHaveLength(384);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  it('finds meaning that shares no word: "delivering babies" is nearer a midwife posting than the hashing embedder puts it', async () => {
    const texts = [
      'delivering babies',
      'Midwife\nLabour ward and birth centre, antenatal and postnatal care',
      'Data Engineer\nSpark and SQL pipelines for the analytics team',
    ];
    const [query, midwife, engineer] = await embedder.embed(texts);
    expect(dot(query!, midwife!)).toBeGreaterThan(dot(query!, engineer!) + 0.1);
    const [hq, hm, he] = await createEmbedder({ provider: 'hash', dimensions: 384 }).embed(texts);
    expect(dot(hq!, hm!) - dot(hq!, he!)).toBeLessThan(dot(query!, midwife!) - dot(query!, engineer!));
  });

  it('weighs title words above description words', () => {
    const sif = embedder as SifEmbedder;
    const titleFirst = Float64Array.from(sif.semantic('midwife\nsoftware developer'));
    const titleSecond = Float64Array.from(sif.semantic('software developer\nmidwife'));
    const midwife = Float64Array.from(sif.semantic('midwife'));
    const cos = (a: Float64Array, b: Float64Array) => a.reduce((s, x, i) => s + x * b[i]!, 0);
    expect(cos(titleFirst, midwife)).toBeGreaterThan(cos(titleSecond, midwife));
  });

  it('hands its loaded word vectors to worker threads as shared memory, and a worker builds the same vectors', async () => {
    const settings = embedder.workerSettings!;
    expect(settings).toMatchObject({ provider: 'semantic', dimensions: 384 });
    expect((settings as { wordVectors?: unknown }).wordVectors).toBeInstanceOf(SharedArrayBuffer);
    const copy = createEmbedder(settings);
    const [a] = await copy.embed(['theatre practitioner']);
    const [b] = await embedder.embed(['theatre practitioner']);
    expect(Array.from(a!)).toEqual(Array.from(b!));
  });

  it('refuses dimensions that leave no room for the lexical part, naming the range', () => {
    expect(() => createEmbedder({ provider: 'semantic', dimensions: 100 })).toThrow(/from 102 to 2000, got "100"/);
  });
});
