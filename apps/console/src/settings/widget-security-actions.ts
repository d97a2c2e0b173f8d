import type { ApiClient } from '../api/api-client.js';
import type { IdentityMode } from '../api/api-types.js';
import type { WidgetSecurityAction } from './widget-security-state.js';

/** The part of the ApiClient the screen uses, so tests can hand in a fake. */
export type WidgetSecurityApi = Pick<ApiClient, 'getWidgetSecurity' | 'updateAllowedOrigins' | 'updateIdentityMode' | 'rotateIdentitySecret'>;

type Dispatch = (action: WidgetSecurityAction) => void;

/**
 * Saves the edited origins. A refusal (bad origin: 400/422) is kept in the state and shown under the
 * list, so the admin can fix the entry in place; the result says whether it was saved.
 */
export async function saveOrigins(api: WidgetSecurityApi, origins: string[], dispatch: Dispatch, describe: (failure: unknown) => string): Promise<boolean> {
  try {
    dispatch({ type: 'originsSaved', settings: await api.updateAllowedOrigins(origins) });
    return true;
  } catch (failure) {
    dispatch({ type: 'originsRejected', message: describe(failure) });
    return false;
  }
}

/** Switches the identity mode; rejects on failure (the caller shows it). A first secret comes back once and is kept. */
export async function changeIdentityMode(api: WidgetSecurityApi, mode: IdentityMode, dispatch: Dispatch): Promise<void> {
  dispatch({ type: 'identityChanged', update: await api.updateIdentityMode(mode) });
}

/** Rotates the secret; rejects on failure (the caller shows it). */
export async function rotateSecret(api: WidgetSecurityApi, dispatch: Dispatch): Promise<void> {
  const { secret } = await api.rotateIdentitySecret();
  dispatch({ type: 'secretRotated', secret });
}
