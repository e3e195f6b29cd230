/** The one validation path: numbers only in plain decimal, NUL characters refused, messages that name the field. */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { InvalidInputError, isUnavailable, JobsightError, peopleError } from '../../src/core/errors.ts';
import { fromText, parseInput, wholeNumber, wholeNumberFromText } from '../../src/core/validation.ts';

describe('values given as text', () => {
  it.each(['0x10', '1e3', ' 12 ', '+5', '1.0', '', '12abc', '0b11', 'Infinity'])('refuses %j as a whole number', (text) => {
    expect(() => fromText('integer', text)).toThrow(/must be a whole number written in decimal digits/);
  });

  it('reads plain decimal numbers, thousands commas and lists', () => {
    expect(fromText('integer', '16')).toBe(16);
    expect(fromText('number', '1.5')).toBe(1.5);
    expect(fromText('number', '50,000')).toBe(50000);
    expect(() => fromText('number', '1e3')).toThrow(/decimal digits/);
    expect(() => fromText('number', '1,5')).toThrow(/decimal digits/);
    expect(fromText('list', ' GB, IE ,')).toEqual(['GB', 'IE']);
    expect(() => fromText('boolean', 'yes')).toThrow(/true or false/);
  });

  it('names the setting and the value in range errors', () => {
    expect(wholeNumberFromText('--port', '8080', 0, 65535)).toBe(8080);
    expect(() => wholeNumberFromText('--port', '0x50', 0, 65535)).toThrow(/--port: must be a whole number from 0 to 65535 \(got "0x50"\)/);
  });
});

describe('parseInput', () => {
  const schema = z.object({ k: wholeNumber(1, 1000), note: z.string().optional(), list: z.array(z.string()).optional() });

  it('names every bad field with the value it got', () => {
    const error = (() => {
      try {
        parseInput(schema, { k: 0 }, { what: 'options' });
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).message).toBe('invalid options: k: must be a whole number from 1 to 1000 (got 0)');
    expect((error as InvalidInputError).status).toBe(400);
  });

  it('refuses a NUL character in any text, naming the field', () => {
    expect(() => parseInput(schema, { k: 1, note: 'a\u0000b' }, { what: 'options' })).toThrow(/note: must not contain a NUL character/);
    expect(() => parseInput(schema, { k: 1, list: ['ok', '\u0000'] }, { what: 'options' })).toThrow(/list\[1\]: must not contain a NUL/);
  });
});

describe('error kinds', () => {
  it('tells a lost or refused database connection from other failures', () => {
    const lost = [
      new Error('Connection terminated unexpectedly'),
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
      new Error('Failed query: select 1', { cause: Object.assign(new Error('Connection terminated'), {}) }),
    ];
    for (const error of lost) {
      expect(isUnavailable(error), error.message).toBe(true);
      expect(peopleError(error)).toMatchObject({ kind: 'unavailable', status: 503, hint: expect.stringMatching(/retry shortly/) });
    }
    expect(isUnavailable(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(peopleError(new TypeError('x is undefined'))).toBeUndefined();
  });

  it('never labels an infrastructure failure a client error', () => {
    const wrapped = new JobsightError('cannot connect to the server', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) });
    expect(wrapped).toMatchObject({ kind: 'unavailable', status: 503 });
    expect(new JobsightError('building failed', { cause: new Error('disk full') })).toMatchObject({ kind: 'internal', status: 500 });
    expect(new JobsightError('k is too large')).toMatchObject({ kind: 'client', status: 400 });
  });
});
