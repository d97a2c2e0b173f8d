import type { IdentityMode, WidgetIdentityUpdate, WidgetSecuritySettings } from '../api/api-types.js';

/**
 * What the widget-security screen holds. The identity secret lives only here, in the screen's own
 * state: leaving the screen unmounts it and the secret is gone, and nothing loaded later (the GET
 * never carries one) can bring it back.
 */
export interface WidgetSecurityState {
  /** As last confirmed by the server; null until the first load. */
  saved: WidgetSecuritySettings | null;
  /** The origins list being edited, saved as a whole. */
  draft: string[];
  /** The server's reason for refusing the last save of the origins, shown under the list. */
  originsError: string | null;
  /** A just-created or rotated secret, shown once until dismissed or the screen is left. */
  secret: string | null;
}

export type WidgetSecurityAction =
  | { type: 'loaded'; settings: WidgetSecuritySettings }
  | { type: 'originAdded'; origins: string[] }
  | { type: 'originRemoved'; origin: string }
  | { type: 'originsSaved'; settings: WidgetSecuritySettings }
  | { type: 'originsRejected'; message: string }
  | { type: 'identityChanged'; update: WidgetIdentityUpdate }
  | { type: 'secretRotated'; secret: string }
  | { type: 'secretDismissed' };

export function initialWidgetSecurityState(): WidgetSecurityState {
  return { saved: null, draft: [], originsError: null, secret: null };
}

export function widgetSecurityReducer(state: WidgetSecurityState, action: WidgetSecurityAction): WidgetSecurityState {
  switch (action.type) {
    case 'loaded':
      return { ...state, saved: settingsOf(action.settings), draft: [...action.settings.allowedOrigins], originsError: null };
    case 'originAdded':
      return { ...state, draft: action.origins, originsError: null };
    case 'originRemoved':
      return { ...state, draft: state.draft.filter((origin) => origin !== action.origin), originsError: null };
    case 'originsSaved':
      return { ...state, saved: settingsOf(action.settings), draft: [...action.settings.allowedOrigins], originsError: null };
    case 'originsRejected':
      return { ...state, originsError: action.message };
    case 'identityChanged':
      // The origins being edited stay as they are: a mode switch must not throw away unsaved edits.
      return {
        ...state,
        saved: { allowedOrigins: state.saved?.allowedOrigins ?? action.update.allowedOrigins, identity: { ...action.update.identity } },
        secret: action.update.secret ?? state.secret,
      };
    case 'secretRotated':
      return { ...state, saved: state.saved && { ...state.saved, identity: { ...state.saved.identity, secretSet: true } }, secret: action.secret };
    case 'secretDismissed':
      return { ...state, secret: null };
  }
}

/** True when the edited list differs from the saved one (order matters: it is what the admin will see next time). */
export function originsDirty(state: WidgetSecurityState): boolean {
  const saved = state.saved?.allowedOrigins ?? [];
  return saved.length !== state.draft.length || saved.some((origin, index) => origin !== state.draft[index]);
}

/**
 * Whether switching from `from` to `to` needs the admin to confirm first: `required` refuses every
 * visitor who comes without a valid signature, which breaks an embed that does not sign yet.
 */
export function modeSwitchNeedsConfirm(from: IdentityMode, to: IdentityMode): boolean {
  return to === 'required' && from !== 'required';
}

// Copies only the documented fields, so a secret a server might add to a settings answer is never kept.
function settingsOf(settings: WidgetSecuritySettings): WidgetSecuritySettings {
  return { allowedOrigins: [...settings.allowedOrigins], identity: { mode: settings.identity.mode, secretSet: settings.identity.secretSet } };
}
