import { ApiError } from '../api/api-error.js';
import type { ApiClient } from '../api/api-client.js';

/** The part of the ApiClient the staff sign-in security card uses, so tests can hand in a fake. */
export type StaffSecurityApi = Pick<ApiClient, 'getStaffSecurity' | 'updateStaffSecurity'>;

export type MfaRequiredSave =
  | { ok: true; mfaRequired: boolean }
  /** `ownMfaMissing`: the admin has no two-factor login of their own yet (409 `mfa_not_enabled`); the switch stays as it was. */
  | { ok: false; mfaRequired: boolean; ownMfaMissing: boolean; failure: unknown };

/**
 * Saves "require two-factor login for all staff". On refusal the switch shows the value it had
 * before (`previous`), so a 409 for turning it on leaves it off.
 * @example await saveMfaRequired(api, true, false) // { ok: false, mfaRequired: false, ownMfaMissing: true, ... } without own MFA
 */
export async function saveMfaRequired(api: StaffSecurityApi, required: boolean, previous: boolean): Promise<MfaRequiredSave> {
  try {
    const { mfaRequired } = await api.updateStaffSecurity(required);
    return { ok: true, mfaRequired };
  } catch (failure) {
    const ownMfaMissing = failure instanceof ApiError && failure.status === 409 && (failure.code === 'mfa_not_enabled' || failure.code === 'conflict');
    return { ok: false, mfaRequired: previous, ownMfaMissing, failure };
  }
}
