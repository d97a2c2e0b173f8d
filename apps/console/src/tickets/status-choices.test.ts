import { describe, expect, it } from 'vitest';
import { statusChoices } from './status-choices.js';

describe('statusChoices', () => {
  it('never offers "new" as a target, in the bulk bar or on an answered ticket', () => {
    expect(statusChoices(null).map((c) => c.value)).toEqual(['open', 'pending_customer', 'resolved', 'closed']);
    expect(statusChoices('open').map((c) => c.value)).toEqual(['open', 'pending_customer', 'resolved', 'closed']);
    expect(statusChoices('closed').every((c) => !c.disabled)).toBe(true);
  });

  it('shows a new ticket its current status, disabled, with every other status pickable', () => {
    expect(statusChoices('new')).toEqual([
      { value: 'new', disabled: true },
      { value: 'open', disabled: false },
      { value: 'pending_customer', disabled: false },
      { value: 'resolved', disabled: false },
      { value: 'closed', disabled: false },
    ]);
  });
});
