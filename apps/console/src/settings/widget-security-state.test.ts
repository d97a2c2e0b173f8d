import { describe, expect, it } from 'vitest';
import type { WidgetSecuritySettings } from '../api/api-types.js';
import {
  initialWidgetSecurityState,
  modeSwitchNeedsConfirm,
  originsDirty,
  widgetSecurityReducer,
  type WidgetSecurityAction,
  type WidgetSecurityState,
} from './widget-security-state.js';

const settings: WidgetSecuritySettings = { allowedOrigins: ['https://shop.example.com'], identity: { mode: 'off', secretSet: false } };
const run = (actions: WidgetSecurityAction[], from: WidgetSecurityState = initialWidgetSecurityState()) => actions.reduce(widgetSecurityReducer, from);

describe('widget security screen state', () => {
  it('edits the origins as a draft and knows when it differs from what is saved', () => {
    const loaded = run([{ type: 'loaded', settings }]);
    expect(originsDirty(loaded)).toBe(false);
    const edited = run([{ type: 'originAdded', origins: ['https://shop.example.com', 'https://*.example.com'] }], loaded);
    expect(originsDirty(edited)).toBe(true);
    const back = run([{ type: 'originRemoved', origin: 'https://*.example.com' }], edited);
    expect(originsDirty(back)).toBe(false);
  });

  it('keeps a refused save inline until the list is edited or saved', () => {
    const refused = run([{ type: 'loaded', settings }, { type: 'originsRejected', message: 'allowedOrigins[0]: not an origin' }]);
    expect(refused.originsError).toBe('allowedOrigins[0]: not an origin');
    expect(run([{ type: 'originRemoved', origin: 'https://shop.example.com' }], refused).originsError).toBeNull();
    expect(run([{ type: 'originsSaved', settings }], refused).originsError).toBeNull();
  });

  it('shows a secret created by a mode switch once, until dismissed', () => {
    const revealed = run([
      { type: 'loaded', settings },
      { type: 'identityChanged', update: { ...settings, identity: { mode: 'optional', secretSet: true }, secret: 'sk_first' } },
    ]);
    expect(revealed.secret).toBe('sk_first');
    expect(revealed.saved?.identity).toEqual({ mode: 'optional', secretSet: true });
    // A later switch that creates nothing leaves the shown secret alone, so it can still be copied.
    const switched = run([{ type: 'identityChanged', update: { ...settings, identity: { mode: 'required', secretSet: true } } }], revealed);
    expect(switched.secret).toBe('sk_first');
    expect(run([{ type: 'secretDismissed' }], switched).secret).toBeNull();
  });

  it('a rotated secret replaces the shown one and marks the secret as set', () => {
    const rotated = run([{ type: 'loaded', settings }, { type: 'secretRotated', secret: 'sk_new' }]);
    expect(rotated.secret).toBe('sk_new');
    expect(rotated.saved?.identity.secretSet).toBe(true);
  });

  it('a mode switch does not throw away unsaved origin edits', () => {
    const edited = run([{ type: 'loaded', settings }, { type: 'originAdded', origins: ['https://shop.example.com', 'http://localhost:3000'] }]);
    const switched = run([{ type: 'identityChanged', update: { ...settings, identity: { mode: 'optional', secretSet: true } } }], edited);
    expect(switched.draft).toEqual(['https://shop.example.com', 'http://localhost:3000']);
    expect(originsDirty(switched)).toBe(true);
  });

  it('never keeps a secret that arrives with loaded settings', () => {
    const leaked = { ...settings, secret: 'sk_should_not_stay' } as WidgetSecuritySettings;
    const loaded = run([{ type: 'loaded', settings: leaked }]);
    expect(loaded.secret).toBeNull();
    expect(JSON.stringify(loaded)).not.toContain('sk_should_not_stay');
  });

  it('asks before requiring identity, not before relaxing it', () => {
    expect(modeSwitchNeedsConfirm('off', 'required')).toBe(true);
    expect(modeSwitchNeedsConfirm('optional', 'required')).toBe(true);
    expect(modeSwitchNeedsConfirm('required', 'optional')).toBe(false);
    expect(modeSwitchNeedsConfirm('off', 'optional')).toBe(false);
  });
});
