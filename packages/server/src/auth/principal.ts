import type { Role } from '../db/schema.js';

/** Who is calling, resolved once per request from a session cookie, an API key or a visitor token. */
export type Principal =
  | {
      kind: 'user';
      tenantId: string;
      userId: string;
      role: Role;
      name: string;
      sessionId: string;
      csrfToken: string;
      /** The tenant requires MFA and this user has none yet: the session may only enroll (auth-hooks enforces it). */
      mfaEnrollmentRequired: boolean;
    }
  | { kind: 'api_key'; tenantId: string; keyId: string; role: Role }
  | { kind: 'visitor'; tenantId: string; visitorId: string };

export type StaffPrincipal = Extract<Principal, { kind: 'user' | 'api_key' }>;
