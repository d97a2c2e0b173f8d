import type { AffectExample } from '@zhida/nlu';

export const FOLDS = 5;

/** Stratified by emotion and risk together, so every fold holds some of each rare kind (crisis, satisfied). */
export function foldOf(items: readonly AffectExample[]): number[] {
  const seen = new Map<string, number>();
  return items.map((it) => {
    const key = `${it.emotion}/${it.crisis ? 'crisis' : it.risk}`;
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return n % FOLDS;
  });
}
