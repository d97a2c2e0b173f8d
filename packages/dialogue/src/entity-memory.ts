import type { DialogueState, RememberedEntity } from './dialogue-state.js';

/** How many entities a conversation remembers; references reach back a few turns, not forever. */
export const ENTITY_MEMORY_SIZE = 12;

/**
 * Adds entities to the memory, newest first; a repeated value moves to the front.
 * @example rememberEntities([], [{ type: 'order_id', value: 'E1', text: 'E1' }], 3)[0]?.value // 'E1'
 */
export function rememberEntities(
  memory: readonly RememberedEntity[],
  entities: readonly { type: string; value: string; text: string }[],
  turn: number,
): RememberedEntity[] {
  const fresh = entities.map((e) => ({ type: e.type, value: e.value, text: e.text, turn }));
  const kept = memory.filter((m) => !fresh.some((f) => f.type === m.type && f.value === m.value));
  return [...fresh, ...kept].slice(0, ENTITY_MEMORY_SIZE);
}

/**
 * Resolves a reference to an entity of one type: `same` is the one used last
 * (or the newest mentioned), `other` the newest one that is not the one used last.
 * @example recallEntity(memory, 'order_id', 'other', 'E1') // the newest order id other than E1
 */
export function recallEntity(
  memory: readonly RememberedEntity[],
  type: string,
  kind: 'same' | 'other',
  lastUsed: string | undefined,
): string | undefined {
  const ofType = memory.filter((m) => m.type === type);
  if (kind === 'same') return lastUsed ?? ofType[0]?.value;
  return ofType.find((m) => m.value !== lastUsed)?.value;
}

/** Records that a flow used an entity value, so "刚才那个" and "另一个" resolve against it. */
export function noteEntity(state: DialogueState, type: string, value: string): void {
  state.lastUsed[type] = value;
  state.entities = rememberEntities(state.entities, [{ type, value, text: value }], state.turn);
}
