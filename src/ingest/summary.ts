/** The ingest summary. Its outcome counts add up to `read`: nothing is lost without a count. */
export interface IngestSummary {
  files: string[];
  /** Records read from the files (postings and unreadable records alike). */
  read: number;
  inserted: number;
  updated: number;
  /** Already stored exactly as read. */
  unchanged: number;
  /** Repeats of a posting read earlier in this run or stored under another id. */
  duplicates: number;
  /** Not loaded; each is in the reject file with file:line, field and reason. */
  rejected: number;
  /** Records loaded with values cleaned, doubted or left out (part of the above); each value is in the reject file. */
  flagged: number;
  /** The values behind `flagged`: NUL bytes removed, over-long or undecodable text, impossible dates, negative pay. */
  flaggedValues: number;
  /** Loaded, with the salary kept out of the annualised columns as implausible (part of the above). */
  salariesFlagged: number;
  /** Texts sent to the embedder (unchanged texts keep their stored vectors). */
  embedded: number;
  /** Doubts about whole files (an encoding that looks wrong), for the person running the ingest. */
  warnings: string[];
  indexesDropped: string[];
  indexesRebuilt: string[];
  rejectFile: string | null;
  seconds: number;
}

export function emptySummary(files: readonly string[]): IngestSummary {
  return {
    files: [...files],
    read: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    duplicates: 0,
    rejected: 0,
    flagged: 0,
    flaggedValues: 0,
    salariesFlagged: 0,
    embedded: 0,
    warnings: [],
    indexesDropped: [],
    indexesRebuilt: [],
    rejectFile: null,
    seconds: 0,
  };
}

/** True when every record read is accounted for by exactly one outcome. */
export function summaryAddsUp(s: IngestSummary): boolean {
  return s.inserted + s.updated + s.unchanged + s.duplicates + s.rejected === s.read;
}
