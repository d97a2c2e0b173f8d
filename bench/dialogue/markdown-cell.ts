/**
 * Text made safe for one markdown table cell (pipes escaped, one line), shortened to `max` characters.
 *
 * @example markdownCell('a|b\nc') // → 'a\\|b c'
 */
export function markdownCell(text: string, max = Infinity): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const short = flat.length > max ? `${flat.slice(0, max)}…` : flat;
  return short.replace(/\|/g, '\\|');
}
