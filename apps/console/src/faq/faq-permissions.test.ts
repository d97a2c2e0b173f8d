import { describe, expect, it } from 'vitest';
import { canEditFaq } from './faq-permissions.js';

describe('who may edit the knowledge base', () => {
  it('lets admins and supervisors edit', () => {
    expect(canEditFaq('admin')).toBe(true);
    expect(canEditFaq('supervisor')).toBe(true);
  });

  it('keeps agents and analysts read-only', () => {
    expect(canEditFaq('agent')).toBe(false);
    expect(canEditFaq('analyst')).toBe(false);
  });
});
