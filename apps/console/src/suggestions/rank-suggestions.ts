import type { Suggestion } from '../api/api-types.js';

/**
 * Pending suggestions worth the most first (most visitor questions behind them),
 * decided ones newest decision first; ties keep the newest proposal first.
 */
export function rankSuggestions(items: readonly Suggestion[]): Suggestion[] {
  const time = (iso: string | null) => (iso ? Date.parse(iso) : 0);
  return [...items].sort((a, b) => {
    if (a.status === 'pending' && b.status === 'pending' && a.sampleCount !== b.sampleCount) return b.sampleCount - a.sampleCount;
    if (a.status !== 'pending' && b.status !== 'pending' && a.decidedAt !== b.decidedAt) return time(b.decidedAt) - time(a.decidedAt);
    return time(b.createdAt) - time(a.createdAt);
  });
}
