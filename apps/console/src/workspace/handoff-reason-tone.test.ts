import { describe, expect, it } from 'vitest';
import { handoffReasonTone } from './handoff-reason-tone.js';

describe('handoff reason tone', () => {
  it('shows high risk in red and anger in orange', () => {
    expect(handoffReasonTone('high_risk', 0)).toBe('danger');
    expect(handoffReasonTone('anger', 1)).toBe('warning');
  });

  it('keeps the alarm on a transfer of a high-risk chat', () => {
    expect(handoffReasonTone('transfer', 0)).toBe('danger');
    expect(handoffReasonTone('transfer', 1)).toBe('warning');
  });

  it('leaves ordinary requests plain', () => {
    expect(handoffReasonTone('user_request', 3)).toBe('normal');
    expect(handoffReasonTone('repeated_failure', 2)).toBe('normal');
  });
});
