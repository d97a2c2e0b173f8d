import { describe, expect, it } from 'vitest';
import { handoffPriority } from './handoff-priority.js';

describe('handoffPriority', () => {
  it('ranks high risk, then anger, then a verified customer, then everyone else', () => {
    expect(handoffPriority({ reason: 'user_request', riskLevel: 'high', emotion: 'anger', verified: true })).toBe(0);
    expect(handoffPriority({ reason: 'high_risk', riskLevel: null, emotion: null, verified: false })).toBe(0);
    expect(handoffPriority({ reason: 'user_request', riskLevel: 'medium', emotion: 'anger', verified: true })).toBe(1);
    expect(handoffPriority({ reason: 'anger', riskLevel: null, emotion: null, verified: false })).toBe(1);
    expect(handoffPriority({ reason: 'repeated_failure', riskLevel: 'none', emotion: 'anxiety', verified: true })).toBe(2);
    expect(handoffPriority({ reason: 'user_request', riskLevel: 'none', emotion: 'neutral', verified: false })).toBe(3);
  });
});
