import type { RemoteMode } from '../../core/posting.ts';

export interface RemoteFields {
  title?: string;
  location?: string;
  /** The source's own remote field: schema.org `jobLocationType` ("TELECOMMUTE"), "Remote", "hybrid". */
  remote?: string;
  /** Plain text (after `htmlToText`). */
  description?: string;
}

/** Values of an explicit remote field, lower case. */
const EXPLICIT: Readonly<Record<string, RemoteMode>> = {
  telecommute: 'remote',
  remote: 'remote',
  'fully remote': 'remote',
  'work from home': 'remote',
  wfh: 'remote',
  yes: 'remote',
  true: 'remote',
  hybrid: 'hybrid',
  'partially remote': 'hybrid',
  onsite: 'onsite',
  'on-site': 'onsite',
  'on site': 'onsite',
  office: 'onsite',
  'in office': 'onsite',
  'in-office': 'onsite',
  no: 'onsite',
  false: 'onsite',
};

/** A location part that is a way of working rather than a place: "Remote", "Homebased". */
const REMOTE_LOCATION = /^\s*(?:remote|anywhere|home ?based|work from home)\b/i;

/**
 * Title words that describe how the job is done: "Data Analyst - REMOTE", "(Remote OK)",
 * "Remote Working", "Remote Data Scientist 3"; not "Remote Sensing Scientist", and not
 * "IAPT Remote Counselling", which describes the service.
 */
const REMOTE_TITLE =
  /\(\s*remote\b|[-–|]\s*remote\b|\bremote\s+(?:working|work|position|role|job|opportunity|ok|option|based|first)\b|^remote\b(?!\s+sens)|\bwork(?:ing)?\s+remotely\b|\bremote\s*$|\bhome[- ]?based\s*(?:[-–]|$)/i;
const HYBRID_TITLE = /\(\s*hybrid\b|[-–|]\s*hybrid\s*(?:$|[-–|(])|\bhybrid\s+(?:working|remote)\b/i;
/** "Onsite in Los Gatos", but not "Onsite interview". */
const ONSITE_TITLE = /\bon-?site\b(?!\s+interview)/i;

/**
 * Descriptions mention "remote" for many things (remote monitoring, remote consultations) and
 * NHS ads list "working from home" among flexible-working options, so only phrases that state
 * the job's own arrangement count. Denials are read first: "This is not a remote role".
 */
const ONSITE_TEXT =
  /\b(?:not\s+(?:a\s+)?remote\b|no\s+remote\b|non-remote\b|remote\s+(?:work\s+)?(?:is\s+)?not\s+(?:available|possible|an\s+option)|must\s+(?:work|be)\s+on[- ]?site|(?:100%|fully|entirely)\s+on[- ]?site|performed\s+on[- ]?site)/i;
const REMOTE_TEXT =
  /\b(?:(?:fully|100%|completely|entirely|permanently)\s+remote\b|remote[- ]first\b|this\s+is\s+a\s+(?:fully\s+)?remote\s+(?:role|position|job|opportunity)|(?:role|position|job)\s+is\s+(?:fully\s+|100%\s+)?remote\b|remote\s+(?:position|role|job|opportunity)\b|(?:position|role|job)\s+is\s+(?:fully\s+)?home[- ]based|(?:fully|100%)\s+(?:home[- ]based|work(?:ing)?\s+from\s+home)|work\s+from\s+home\s+(?:position|role|job)|telecommut(?:e|ing)\s+(?:position|role|job))/i;
const HYBRID_TEXT =
  /\b(?:hybrid\s+(?:working|remote|work\s+(?:model|pattern|arrangement|schedule))|(?:split|mix)\s+(?:of\s+)?(?:between\s+)?(?:home|remote)\s+(?:and|&)\s+(?:office|on[- ]?site)|partially\s+remote|part[- ]remote)\b/i;

/**
 * How the job is done, from the strongest evidence: the source's remote field, then the
 * location, the title and the description. Undefined when nothing says so: "onsite" is never
 * assumed, because most postings do not mention it either way.
 *
 * @example
 * detectRemoteMode({ remote: 'TELECOMMUTE' }); // 'remote'
 * detectRemoteMode({ title: 'Data Analyst - REMOTE', location: 'Gold River, CA 95670' }); // 'remote'
 * detectRemoteMode({ description: 'This position is located in San Francisco, CA. It is not a remote role.' }); // 'onsite'
 * detectRemoteMode({ title: 'Staff Nurse', location: 'London' }); // undefined
 */
export function detectRemoteMode(fields: RemoteFields): RemoteMode | undefined {
  const explicit = fields.remote?.trim().toLowerCase();
  if (explicit !== undefined && EXPLICIT[explicit] !== undefined) return EXPLICIT[explicit];
  // Longer explicit values ("Remote (US only)", "Hybrid - 2 days in office") start with the mode.
  if (explicit !== undefined && /^hybrid\b/.test(explicit)) return 'hybrid';
  if (explicit !== undefined && REMOTE_LOCATION.test(explicit)) return 'remote';

  const locationParts = (fields.location ?? '').split(',');
  if (locationParts.some((part) => /^\s*hybrid\b/i.test(part))) return 'hybrid';
  if (locationParts.some((part) => REMOTE_LOCATION.test(part))) return 'remote';

  const title = fields.title ?? '';
  if (HYBRID_TITLE.test(title)) return 'hybrid';
  if (REMOTE_TITLE.test(title)) return 'remote';
  if (ONSITE_TITLE.test(title)) return 'onsite';

  const description = fields.description ?? '';
  if (ONSITE_TEXT.test(description)) return 'onsite';
  if (REMOTE_TEXT.test(description)) return 'remote';
  if (HYBRID_TEXT.test(description)) return 'hybrid';
  return undefined;
}
