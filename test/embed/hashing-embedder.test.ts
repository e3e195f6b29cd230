import { describe, expect, it } from 'vitest';
import { createEmbedder } from '../../src/embed/index.ts';
import { HashingEmbedder } from '../../src/embed/hashing-embedder.ts';
import { tokenize, tokenizeTitled } from '../../src/embed/tokenize.ts';

const POSTING =
  'Senior Backend Engineer (Node.js, PostgreSQL, C#/.NET). You’ll own our café-booking APIs, ' +
  'mentor engineers and keep p99 latency under 50 ms. Hybrid, London; £70–85k.';

/** Cosine similarity; the vectors are unit length, so the dot product. */
function similarity(a: Float32Array | undefined, b: Float32Array | undefined): number {
  if (!a || !b) throw new Error('missing vector');
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i]! * b[i]!;
  return dot;
}

function norm(v: Float32Array | undefined): number {
  return Math.sqrt(similarity(v, v));
}

describe('HashingEmbedder', () => {
  it('gives identical vectors for the same text, in one call, across calls and across instances', async () => {
    const embedder = new HashingEmbedder();
    const [a, b] = await embedder.embed([POSTING, POSTING]);
    const [c] = await embedder.embed([POSTING]);
    const [d] = await new HashingEmbedder().embed([POSTING]);
    expect(b).toEqual(a);
    expect(c).toEqual(a);
    expect(d).toEqual(a);
  });

  it('returns unit-length Float32Arrays of the default 384 dimensions', async () => {
    const embedder = new HashingEmbedder();
    expect(embedder.name).toBe('hash-ngram-v1');
    expect(embedder.dimensions).toBe(384);
    const vectors = await embedder.embed([POSTING, 'nurse', 'C++']);
    for (const v of vectors) {
      expect(v).toBeInstanceOf(Float32Array);
      expect(v).toHaveLength(384);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('honours the dimensions option', async () => {
    for (const dimensions of [2, 64, 1536]) {
      const embedder = new HashingEmbedder({ dimensions });
      const [v] = await embedder.embed([POSTING]);
      expect(embedder.dimensions).toBe(dimensions);
      expect(v).toHaveLength(dimensions);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
  });

  it('rejects dimensions outside 2..16000 with a message naming the value', () => {
    for (const bad of [0, 1, 1.5, 16_001, Number.NaN]) {
      expect(() => new HashingEmbedder({ dimensions: bad })).toThrow(`got "${bad}"`);
    }
    expect(() => new HashingEmbedder({ dimensions: 1 })).toThrow(/embedding dimensions must be a whole number from 2 to 16000/);
  });

  it('ranks a rewording that shares words above an unrelated text', async () => {
    const [query, reworded, unrelated] = await new HashingEmbedder().embed([
      'senior postgres database administrator',
      'PostgreSQL DBA, senior level, database administration',
      "paediatric nurse on a children's ward",
    ]);
    expect(similarity(query, reworded)).toBeGreaterThan(similarity(query, unrelated) + 0.2);
  });

  it('puts words that share a stem near each other (character n-grams)', async () => {
    const [postgres, postgresql, python, nurse, nursing, engineer] = await new HashingEmbedder().embed([
      'postgres',
      'postgresql',
      'python',
      'nurse',
      'nursing',
      'engineer',
    ]);
    expect(similarity(postgres, postgresql)).toBeGreaterThan(similarity(postgres, python) + 0.2);
    expect(similarity(nurse, nursing)).toBeGreaterThan(similarity(nurse, engineer) + 0.1);
  });

  it('ignores case and diacritics', async () => {
    const [a, b] = await new HashingEmbedder().embed(['Café Barista, Zürich', 'cafe barista zurich']);
    expect(similarity(a, b)).toBeCloseTo(1, 5);
  });

  it('keeps the input order of a batch', async () => {
    const embedder = new HashingEmbedder();
    const texts = ['data engineer', 'registered nurse', 'plumber', '', 'data engineer'];
    const batch = await embedder.embed(texts);
    expect(batch).toHaveLength(texts.length);
    for (const [i, text] of texts.entries()) {
      const [single] = await embedder.embed([text]);
      expect(batch[i]).toEqual(single);
    }
    expect(await embedder.embed([])).toEqual([]);
  });

  it('gives an empty or wordless text a unit vector without NaN (pgvector cosine on zeros is NaN)', async () => {
    const vectors = await new HashingEmbedder().embed(['', '   ', '!!! — ...']);
    for (const v of vectors) {
      expect(v.some(Number.isNaN)).toBe(false);
      expect(norm(v)).toBeCloseTo(1, 5);
    }
    expect(vectors[1]).toEqual(vectors[0]);
  });
});

describe('tokenize', () => {
  it('keeps technical names whole, drops stop words and possessives, splits run-on sentences', () => {
    expect(tokenize('Senior C++/C# engineer (.NET, Node.js) for the children’s ward')).toEqual([
      'senior',
      'c++',
      'c#',
      'engineer',
      '.net',
      'node.js',
      'children',
      'ward',
    ]);
    expect(tokenize('Based in London.We use ASP.Net')).toEqual(['based', 'london', 'use', 'asp.net']);
  });

  it('keeps stop words when a text has nothing else', () => {
    expect(tokenize('Who are we?')).toEqual(['who', 'are', 'we']);
  });

  it('tokenises a title and its body in one go as each would be alone, and the whole as one text', () => {
    const texts = [
      POSTING,
      'Who are we?\nA café team',
      'Data Scientist.\n.NET and C++\nnode.js',
      "C++\n#1 children's ward",
      'The Nurse\nand the\n',
      'Who are we\nwe are',
      'Crème brûlée chef\nΣΊΣΥΦΟΣ\nΣ ward',
      '\n',
      '',
    ];
    for (const text of texts) {
      const newline = text.indexOf('\n');
      const words = tokenizeTitled(text);
      expect(words.whole).toEqual(tokenize(text));
      expect(words.title).toEqual(tokenize(newline === -1 ? text : text.slice(0, newline)));
      expect(words.body).toEqual(newline === -1 ? [] : tokenize(text.slice(newline + 1)));
    }
  });
});

describe('createEmbedder', () => {
  it('builds the hashing embedder from the resolved configuration', () => {
    const embedder = createEmbedder({ provider: 'hash', dimensions: 128 });
    expect(embedder).toBeInstanceOf(HashingEmbedder);
    expect(embedder.name).toBe('hash-ngram-v1');
    expect(embedder.dimensions).toBe(128);
    expect(createEmbedder({ provider: 'hash' }).dimensions).toBe(384);
  });

  it('rejects an unknown provider coming from untyped configuration', () => {
    expect(() => createEmbedder({ provider: 'cohere' } as never)).toThrow('unknown embedder "cohere"');
  });
});
