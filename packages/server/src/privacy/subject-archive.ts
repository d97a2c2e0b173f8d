import { createGzip, type Gzip } from 'node:zlib';
import { pack, type Pack } from 'tar-stream';

/**
 * The export of one data subject as a gzipped tar, written entry by entry as the holders read their
 * rows, so a large history streams out instead of being assembled in memory. Each record set is JSON
 * (complete) and, for tabular data, CSV as well (opens in Excel/WPS).
 * @example const archive = new SubjectArchive(); reply.send(archive.stream); await archive.json('visitor.json', v); await archive.finish();
 */
export class SubjectArchive {
  private readonly tar: Pack = pack();
  /** The `.tar.gz` bytes. */
  readonly stream: Gzip;
  private readonly names: string[] = [];

  constructor() {
    this.stream = this.tar.pipe(createGzip());
  }

  /** Entries written so far, for the manifest and the request's result. */
  get entries(): readonly string[] {
    return this.names;
  }

  async json(path: string, value: unknown): Promise<void> {
    await this.file(path, Buffer.from(`${JSON.stringify(value, null, 2)}\n`, 'utf8'));
  }

  async csv(path: string, rows: readonly Record<string, unknown>[]): Promise<void> {
    if (rows.length === 0) return;
    const columns = Object.keys(rows[0]!);
    const lines = [columns.join(','), ...rows.map((r) => columns.map((c) => csvCell(r[c])).join(','))];
    // The BOM makes Excel read the Chinese text as UTF-8.
    await this.file(path, Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'));
  }

  file(path: string, data: Buffer): Promise<void> {
    this.names.push(path);
    return new Promise((resolve, reject) => {
      this.tar.entry({ name: path, size: data.length, mtime: new Date() }, data, (err) => (err ? reject(err) : resolve()));
    });
  }

  async finish(): Promise<void> {
    this.tar.finalize();
  }

  /** Ends the stream with an error (the download is then visibly incomplete, never silently short). */
  abort(err: Error): void {
    this.tar.destroy(err);
    this.stream.destroy(err);
  }
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // A leading = + - @ would run as a formula in a spreadsheet (CSV injection).
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
