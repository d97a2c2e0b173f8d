import { describe, expect, it } from 'vitest';
import { adminSession, fakeApiServer, jsonResponse } from '../test-support/fake-api-server.js';
import { ApiClient } from '../api/api-client.js';
import type { WidgetSecuritySettings } from '../api/api-types.js';
import { changeIdentityMode, rotateSecret, saveOrigins } from './widget-security-actions.js';
import { initialWidgetSecurityState, widgetSecurityReducer, type WidgetSecurityAction, type WidgetSecurityState } from './widget-security-state.js';

const settings: WidgetSecuritySettings = { allowedOrigins: ['https://shop.example.com'], identity: { mode: 'off', secretSet: false } };

/** The screen as a reducer plus the real ApiClient over a fake fetch, as mounted after sign-in. */
async function openScreen(answers: Response[]) {
  const server = fakeApiServer([jsonResponse(200, adminSession), jsonResponse(200, settings), ...answers]);
  const api = new ApiClient({ fetch: server.fetch });
  await api.me();
  let state: WidgetSecurityState = initialWidgetSecurityState();
  const dispatch = (action: WidgetSecurityAction) => {
    state = widgetSecurityReducer(state, action);
  };
  dispatch({ type: 'loaded', settings: await api.getWidgetSecurity() });
  return { api, server, dispatch, state: () => state };
}

const describe422 = (failure: unknown) => (failure instanceof Error ? failure.message : 'unknown');

describe('widget security screen against the API', () => {
  it('saves the whole origin list with a PUT carrying the CSRF token', async () => {
    const next = { ...settings, allowedOrigins: ['https://shop.example.com', 'https://*.example.com'] };
    const screen = await openScreen([jsonResponse(200, next)]);

    const saved = await saveOrigins(screen.api, next.allowedOrigins, screen.dispatch, describe422);

    expect(saved).toBe(true);
    const put = screen.server.calls[2];
    expect(put?.url).toBe('/api/v1/settings/widget-security');
    expect(put?.init.method).toBe('PUT');
    expect(put?.init.body).toBe(JSON.stringify({ allowedOrigins: next.allowedOrigins }));
    expect((put?.init.headers as Record<string, string>)['x-csrf-token']).toBe('csrf-123');
    expect(screen.state().saved?.allowedOrigins).toEqual(next.allowedOrigins);
  });

  it('shows the server refusal of a bad origin inline and keeps the draft for fixing', async () => {
    const screen = await openScreen([jsonResponse(422, { error: { code: 'validation_error', message: 'allowedOrigins[1] 不是合法的来源' } })]);
    screen.dispatch({ type: 'originAdded', origins: ['https://shop.example.com', 'https://xn--bad'] });

    const saved = await saveOrigins(screen.api, screen.state().draft, screen.dispatch, describe422);

    expect(saved).toBe(false);
    expect(screen.state().originsError).toBe('allowedOrigins[1] 不是合法的来源');
    expect(screen.state().draft).toEqual(['https://shop.example.com', 'https://xn--bad']);
    expect(screen.state().saved?.allowedOrigins).toEqual(['https://shop.example.com']);
  });

  it('shows a secret once, and it is gone after leaving and coming back', async () => {
    const created = { allowedOrigins: settings.allowedOrigins, identity: { mode: 'required', secretSet: true }, secret: 'a'.repeat(64) };
    const screen = await openScreen([jsonResponse(200, created)]);

    await changeIdentityMode(screen.api, 'required', screen.dispatch);
    expect(screen.server.calls[2]?.url).toBe('/api/v1/settings/widget-security/identity');
    expect(screen.server.calls[2]?.init.body).toBe(JSON.stringify({ mode: 'required' }));
    expect(screen.state().secret).toBe('a'.repeat(64));

    // Coming back mounts the screen afresh: a new state, loaded from a GET that carries no secret.
    const again = await openScreen([]);
    expect(again.state().saved?.identity.mode).toBe('off');
    expect(again.state().secret).toBeNull();
  });

  it('rotates the secret with a POST and shows the new one', async () => {
    const screen = await openScreen([jsonResponse(200, { secret: 'b'.repeat(64) })]);

    await rotateSecret(screen.api, screen.dispatch);

    expect(screen.server.calls[2]?.url).toBe('/api/v1/settings/widget-security/identity/secret');
    expect(screen.server.calls[2]?.init.method).toBe('POST');
    expect(screen.state().secret).toBe('b'.repeat(64));
    expect(screen.state().saved?.identity.secretSet).toBe(true);
  });

  it('leaves the state untouched when a mode switch is refused', async () => {
    const screen = await openScreen([jsonResponse(403, { error: { code: 'forbidden', message: '没有权限' } })]);

    await expect(changeIdentityMode(screen.api, 'optional', screen.dispatch)).rejects.toMatchObject({ code: 'forbidden', status: 403 });
    expect(screen.state().saved?.identity).toEqual({ mode: 'off', secretSet: false });
    expect(screen.state().secret).toBeNull();
  });
});
