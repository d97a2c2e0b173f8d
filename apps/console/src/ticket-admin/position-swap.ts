/**
 * The position updates that move an item of an ordered list one step up or down: the two
 * neighbours trade places. Equal positions (never renumbered) are separated by using indexes.
 * Empty when the item is already at that end.
 * @example positionSwap([{id:'a',position:0},{id:'b',position:1}], 'b', -1) // [{id:'b',position:0},{id:'a',position:1}]
 */
export function positionSwap(items: readonly { id: string; position: number }[], id: string, step: -1 | 1): { id: string; position: number }[] {
  const ordered = [...items].sort((a, b) => a.position - b.position);
  const index = ordered.findIndex((item) => item.id === id);
  const other = ordered[index + step];
  const item = ordered[index];
  if (index < 0 || !other || !item) return [];
  const distinct = new Set(ordered.map((entry) => entry.position)).size === ordered.length;
  const [here, there] = distinct ? [item.position, other.position] : [index, index + step];
  return [
    { id: item.id, position: there },
    { id: other.id, position: here },
  ];
}
