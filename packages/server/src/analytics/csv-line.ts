/**
 * One CSV line (RFC 4180 quoting, CRLF). A cell that a spreadsheet would run as a formula
 * (starting with = + - @, tab or CR) is prefixed with an apostrophe: exported text is customer text.
 * @example csvLine(['a,b', '=1+1', 3]) // '"a,b",\'=1+1,3\r\n'
 */
export function csvLine(cells: readonly (string | number | null | undefined)[]): string {
  return (
    cells
      .map((cell) => {
        if (cell === null || cell === undefined) return '';
        if (typeof cell === 'number') return Number.isFinite(cell) ? String(cell) : '';
        const safe = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
        return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
      })
      .join(',') + '\r\n'
  );
}
