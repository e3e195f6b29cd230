import { sql } from 'drizzle-orm';
import { expect, it } from 'vitest';
import { copyStatement, queryRows } from '../../src/db/database.ts';
import { encodeBinaryCopy, type CopyType } from '../../src/db/binary-copy.ts';
import { describeEngines } from '../helpers/engines.ts';

const TYPES: CopyType[] = ['int8', 'text', 'float8', 'date', 'bool', 'vector'];
const COLUMNS = ['id', 'name', 'amount', 'day', 'flag', 'embedding'];

describeEngines('binary COPY', ({ database }) => {
  it('loads every column type, nulls and non-ASCII text exactly', async () => {
    const d = database();
    await d.db.execute(sql`create table copy_test (id int8, name text, amount float8, day date, flag bool, embedding vector(3))`);
    const payload = encodeBinaryCopy(TYPES, [
      [1, 'Pâtissier — Zürich 🍰', 53000.5, '2020-11-02', true, new Float32Array([0.25, -1, 3.5])],
      [2, null, null, null, null, null],
      [9_007_199_254_740_991, '', -0.125, '1999-12-31', false, new Float32Array([0, 0, 1])],
    ]);
    await d.bulkTransaction((_tx, copy) => copy('copy_test', COLUMNS, payload));
    const rows = await queryRows<Record<string, unknown>>(
      d.db,
      sql`select id::text, name, amount, day::text, flag, embedding::text from copy_test order by id`,
    );
    expect(rows).toEqual([
      { id: '1', name: 'Pâtissier — Zürich 🍰', amount: 53000.5, day: '2020-11-02', flag: true, embedding: '[0.25,-1,3.5]' },
      { id: '2', name: null, amount: null, day: null, flag: null, embedding: null },
      { id: '9007199254740991', name: '', amount: -0.125, day: '1999-12-31', flag: false, embedding: '[0,0,1]' },
    ]);
  });

  it('writes numeric values exactly', async () => {
    const d = database();
    await d.db.execute(sql`create table copy_numeric (n numeric(14, 4))`);
    const values = [0, 1, -1, 0.5, 10_000, 123_456.78, -0.0001, 99_999_999.99, 3_685_600, 0.1234];
    await d.bulkTransaction((_tx, copy) =>
      copy(
        'copy_numeric',
        ['n'],
        encodeBinaryCopy(
          ['numeric'],
          values.map((v) => [v]),
        ),
      ),
    );
    const rows = await queryRows<{ n: number }>(d.db, sql`select n::float8 as n from copy_numeric`);
    expect(rows.map((r) => r.n)).toEqual(values);
  });

  it('rolls the copied rows back when the transaction fails later', async () => {
    const d = database();
    const payload = encodeBinaryCopy(TYPES, [[10, 'lost', 1, '2021-01-01', true, new Float32Array([1, 2, 3])]]);
    await expect(
      d.bulkTransaction(async (tx, copy) => {
        await copy('copy_test', COLUMNS, payload);
        await tx.execute(sql`select * from no_such_table`);
      }),
    ).rejects.toThrow();
    expect(await queryRows(d.db, sql`select 1 from copy_test where id = 10`)).toHaveLength(0);
  });

  it('refuses table or column names that are not plain identifiers', () => {
    expect(() => copyStatement('jobs; drop table jobs', ['id'], 'STDIN')).toThrow(/not a plain SQL identifier/);
  });
});
