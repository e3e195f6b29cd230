/** Flag values of the commands that are not operations (global options, db, serve), read the one way (core/validation.ts). */
import { wholeNumberFromText } from '../core/validation.ts';

/** A commander argParser for a whole number from `min` to `max`, e.g. `--pool-max <n>`. */
export function wholeNumberFlag(flag: string, min: number, max?: number) {
  return (value: string): number => wholeNumberFromText(flag, value, min, max);
}
