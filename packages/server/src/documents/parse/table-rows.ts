/**
 * A table as readable lines, one per row: with a header, each cell is named by its column
 * ("退货原因：质量问题，运费承担：卖家"), so a row read alone (a passage, an answer) still makes
 * sense; without one, the cells are joined by " | ".
 * @example tableRows(['项目', '时限'], [['退货', '7天']]) // ['项目：退货，时限：7天']
 */
export function tableRows(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const named = header.length > 0 && header.some((h) => h.trim() !== '');
  return rows
    .map((row) =>
      named
        ? row
            .map((cell, i) => ({ name: (header[i] ?? '').trim(), cell: cell.trim() }))
            .filter((c) => c.cell !== '')
            .map((c) => (c.name ? `${c.name}：${c.cell}` : c.cell))
            .join('，')
        : row.map((c) => c.trim()).filter(Boolean).join(' | '),
    )
    .filter((line) => line !== '');
}
