import { describe, expect, it } from 'vitest';
import { DEFAULT_HIGH_RISK_SETTINGS, decideHighRisk, type HighRiskEvidence } from './high-risk-decision.js';

const evidence = (over: Partial<HighRiskEvidence> & { high?: number; crisis?: number }): HighRiskEvidence => ({
  scores: { none: 1 - (over.high ?? 0) - (over.crisis ?? 0), low: 0, high: over.high ?? 0, crisis: over.crisis ?? 0 },
  threat: over.threat ?? false,
  despair: over.despair ?? false,
  selfHarm: over.selfHarm ?? false,
});

describe('the two-stage high-risk decision', () => {
  const between = (DEFAULT_HIGH_RISK_SETTINGS.candidate + DEFAULT_HIGH_RISK_SETTINGS.unmarked) / 2;

  it('takes a threat phrase with a modest classifier score as high risk, the same score without one as not', () => {
    expect(DEFAULT_HIGH_RISK_SETTINGS.candidate).toBeLessThan(DEFAULT_HIGH_RISK_SETTINGS.unmarked);
    expect(decideHighRisk(evidence({ threat: true, high: between })).high).toBe(true);
    expect(decideHighRisk(evidence({ high: between })).high).toBe(false);
  });

  it('lets the classifier reject a threat phrase it finds harmless (a question about the route)', () => {
    expect(decideHighRisk(evidence({ threat: true, high: DEFAULT_HIGH_RISK_SETTINGS.candidate / 2 })).high).toBe(false);
  });

  it('raises what the classifier is sure of even without any phrase family', () => {
    expect(decideHighRisk(evidence({ high: 0.9 })).high).toBe(true);
  });

  it('makes any self-harm phrase of the lexicon a crisis whatever the scores', () => {
    expect(decideHighRisk(evidence({ selfHarm: true }))).toEqual({ high: true, crisis: true });
  });

  it('needs a smaller crisis share with a despair phrase than without', () => {
    const scores = { high: 0.6, crisis: 0.3 };
    expect(decideHighRisk(evidence({ ...scores, despair: true })).crisis).toBe(true);
    expect(decideHighRisk(evidence({ ...scores, threat: true })).crisis).toBe(false);
  });

  it('is never a crisis without being high risk', () => {
    expect(decideHighRisk(evidence({ despair: true, crisis: 0.1 }))).toEqual({ high: false, crisis: false });
  });
});
