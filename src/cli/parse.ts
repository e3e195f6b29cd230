/** Flag value parsers for commander: they reject bad values with a message naming the flag. */
import { InvalidArgumentError } from 'commander';

export function positiveInt(flag: string, max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1 || n > max) {
      throw new InvalidArgumentError(`${flag} takes a whole number from 1 to ${max}, got "${value}".`);
    }
    return n;
  };
}

export function nonNegativeInt(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n)) {
      throw new InvalidArgumentError(`${flag} takes a whole number of 0 or more, got "${value}".`);
    }
    return n;
  };
}

export function number(flag: string) {
  return (value: string): number => {
    const n = Number(value.replace(/,/g, ''));
    if (value.trim() === '' || !Number.isFinite(n)) {
      throw new InvalidArgumentError(`${flag} takes a number, got "${value}".`);
    }
    return n;
  };
}

/** "a, b,c" → ["a", "b", "c"] */
export function list(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
