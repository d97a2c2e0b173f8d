import { describe, expect, it } from 'vitest';
import { faqConfidence, type FaqHitEvidence } from './faq-confidence.js';

const typical: FaqHitEvidence = { coverage: 0.6, lead: 0.4, runnerUpCoverage: 0.3, score: 12, queryIdf: 15, rareTermIdf: 3.7 };

describe('faqConfidence', () => {
  it('is a probability', () => {
    for (const e of [typical, { ...typical, coverage: 0, lead: 0, score: 0 }, { ...typical, coverage: 1, lead: 1, score: 100 }]) {
      const p = faqConfidence(e);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
    }
  });

  it('rises with the share of the query the hit covers and with its lead over the runner-up', () => {
    expect(faqConfidence({ ...typical, coverage: 0.9 })).toBeGreaterThan(faqConfidence(typical));
    expect(faqConfidence({ ...typical, lead: 0.8 })).toBeGreaterThan(faqConfidence(typical));
  });

  it('reads a query the same on a small knowledge base as on a large one', () => {
    // Every IDF of a 5-FAQ base is about half that of a 60-FAQ base; scores and query mass shrink alike.
    const small = { ...typical, score: typical.score / 2, queryIdf: typical.queryIdf / 2, rareTermIdf: typical.rareTermIdf / 2 };
    expect(faqConfidence(small)).toBeCloseTo(faqConfidence(typical), 6);
  });

  it('is zero for a query with no known term', () => {
    expect(faqConfidence({ ...typical, queryIdf: 0 })).toBe(0);
  });
});
