import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../api/api-types.js';
import { rankSuggestions } from './rank-suggestions.js';

const base: Suggestion = { id: '', kind: 'new_faq', faqId: null, question: '', paraphrases: [], sampleCount: 1, status: 'pending', createdAt: '2026-11-01T00:00:00Z', decidedAt: null };

describe('order of the suggestion list', () => {
  it('puts the pending suggestion behind the most visitor questions first', () => {
    const ranked = rankSuggestions([
      { ...base, id: 'few', sampleCount: 2 },
      { ...base, id: 'many', sampleCount: 9 },
      { ...base, id: 'some', sampleCount: 5 },
    ]);
    expect(ranked.map((s) => s.id)).toEqual(['many', 'some', 'few']);
  });

  it('breaks ties with the newest proposal', () => {
    const ranked = rankSuggestions([
      { ...base, id: 'old', createdAt: '2026-11-01T00:00:00Z' },
      { ...base, id: 'new', createdAt: '2026-11-20T00:00:00Z' },
    ]);
    expect(ranked.map((s) => s.id)).toEqual(['new', 'old']);
  });

  it('shows decided suggestions newest decision first', () => {
    const ranked = rankSuggestions([
      { ...base, id: 'early', status: 'accepted', sampleCount: 50, decidedAt: '2026-11-02T00:00:00Z' },
      { ...base, id: 'late', status: 'accepted', sampleCount: 3, decidedAt: '2026-11-21T00:00:00Z' },
    ]);
    expect(ranked.map((s) => s.id)).toEqual(['late', 'early']);
  });
});
