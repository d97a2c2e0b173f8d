import { describe, expect, it } from 'vitest';
import { canManageWidgetSecurity } from './widget-security-access.js';

describe('who is offered the widget security screen', () => {
  it('is offered to admins only', () => {
    expect(canManageWidgetSecurity('admin')).toBe(true);
    expect(canManageWidgetSecurity('supervisor')).toBe(false);
    expect(canManageWidgetSecurity('agent')).toBe(false);
    expect(canManageWidgetSecurity('analyst')).toBe(false);
  });
});
