/**
 * A query parameter as the PostgreSQL wire protocol carries it: text, raw bytes (sent in binary, for
 * bytea) or NULL. The same conversions node-postgres makes (its `prepareValue`), so a query behaves the
 * same on both backends; PostgreSQL infers each parameter's type and parses the text itself.
 *
 * @example
 * pgliteParameter(new Date(0)); // '1970-01-01T00:00:00.000Z'
 * pgliteParameter(['a', null]); // '{"a",NULL}'
 */
export function pgliteParameter(value: unknown): string | Uint8Array | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Uint8Array) return value;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function arrayLiteral(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (Array.isArray(v)) return arrayLiteral(v);
    const text = v instanceof Uint8Array ? `\\x${Buffer.from(v).toString('hex')}` : (pgliteParameter(v) as string);
    return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  });
  return `{${items.join(',')}}`;
}
