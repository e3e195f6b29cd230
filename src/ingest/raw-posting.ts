/**
 * The contract between the readers (which know file formats and header names) and the
 * normalisers (which know what the values mean). Every field is the source's value as found,
 * untouched: text stays text ("$53K-$91K (Glassdoor est.)", "30+ days ago"), numbers stay numbers.
 */
export interface RawPosting {
  externalId?: string;
  title?: string;
  description?: string;
  company?: string;
  /** Free-text location ("San Francisco, CA", "London"), when the source has one string. */
  location?: string;
  city?: string;
  region?: string;
  postalCode?: string;
  country?: string;
  /** Free-text salary ("£38,890 - £44,503 per annum", "negotiable", "-1"). */
  salaryText?: string;
  salaryMin?: number | string;
  salaryMax?: number | string;
  salaryCurrency?: string;
  /** The source's unit ("YEAR", "per hour"); may be wrong (NHS says YEAR for hourly pay). */
  salaryUnit?: string;
  /** Absolute ("2020-11-02") or relative ("30+ days ago") text. */
  datePosted?: string;
  validThrough?: string;
  employmentType?: string;
  /** Anything the source says about remote work ("Remote", "TELECOMMUTE", "hybrid"). */
  remote?: string;
  url?: string;
  industry?: string;
  /**
   * Fields whose source value had a JSON type that is not text (`"title": true`), with the value
   * as written; the field itself is left absent, and the normaliser says why.
   */
  notText?: Partial<Record<Exclude<keyof RawPosting, 'notText'>, string>>;
}

/** Where a record came from, for error messages and reject files: `file:line`. */
export interface RecordOrigin {
  file: string;
  /** 1-based line where the record starts (CSV: the first physical line of a multi-line row). */
  line: number;
}
