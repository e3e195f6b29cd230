/** The error for skill names the database does not know, shared by the skill statistics. */
import { NotFoundError } from '../core/errors.ts';

export function unknownSkillsError(names: readonly string[]): NotFoundError {
  const list = names.map((n) => JSON.stringify(n)).join(', ');
  return new NotFoundError(
    `no skill named ${list} in the database`,
    'Skills are matched by canonical name, case ignored; `jobsight stats skills --top 100` lists those postings ask for.',
  );
}
