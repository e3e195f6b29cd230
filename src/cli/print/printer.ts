/** How the CLI shows an operation's result to people; --json prints the result itself unless `json` reshapes it. */
export interface Printer {
  // biome-ignore lint/suspicious/noExplicitAny: each printer knows its operation's result and input
  print?(result: any, input: any): void;
  /** The --json output, when it is not the result itself. */
  // biome-ignore lint/suspicious/noExplicitAny: as above
  json?(result: any, input: any): unknown;
  /** Label of a progress bar on the terminal, for long work. */
  progress?: string;
}

export const place = (h: { city: string | null; country: string | null }) => [h.city, h.country].filter(Boolean).join(', ');
