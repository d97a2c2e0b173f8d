/**
 * The ids of active entries of a first-match list (routing rules, SLA policies) that can never match:
 * those placed after an active entry without conditions, which takes everything that reaches it.
 * `entries` must be in evaluation order (by position).
 * @example shadowedIds([{ id: 'default', active: true }, { id: 'vip', active: true }], () => true) // Set { 'vip' }
 */
export function shadowedIds<T extends { id: string; active: boolean }>(entries: readonly T[], matchesEverything: (entry: T) => boolean): Set<string> {
  const shadowed = new Set<string>();
  let caught = false;
  for (const entry of entries) {
    if (!entry.active) continue;
    if (caught) shadowed.add(entry.id);
    else if (matchesEverything(entry)) caught = true;
  }
  return shadowed;
}
