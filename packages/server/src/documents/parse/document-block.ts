/**
 * What every format's parser produces: the document as a flat run of blocks in reading order.
 * Headings carry their level (1 = outermost); the passage splitter turns the run into passages
 * with heading paths.
 */
export type DocumentBlock =
  | { kind: 'heading'; level: number; text: string; page?: number }
  | { kind: 'paragraph'; text: string; page?: number }
  /** Rows already rendered readable ("列：值，列：值" or cells joined by " | "), one per line. */
  | { kind: 'table'; rows: string[]; page?: number };

export interface ParsedDocument {
  /** The title the file itself gives (PDF metadata, HTML <title>, the first top heading), if any. */
  title: string | null;
  /** PDF pages; null for formats without pages. */
  pages: number | null;
  blocks: DocumentBlock[];
}
