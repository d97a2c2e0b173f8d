import { auditActor, type AuditLog } from '../auth/audit-log.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { ConflictError, NotFoundError } from '../errors/app-error.js';
import type { TenantRepository } from '../tenancy/tenant-repository.js';

export interface StaffSecurity {
  /** Every staff user must use two-factor authentication (TOTP); without it a login may only enroll. */
  mfaRequired: boolean;
}

/** The caller's tenant's staff sign-in policy (SECURITY check 33: MFA can be made mandatory per tenant). Changes are audited. */
export class StaffSecurityService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly audit: AuditLog,
    private readonly userHasMfa: (tenantId: string, userId: string) => Promise<boolean>,
  ) {}

  async get(staff: StaffPrincipal): Promise<StaffSecurity> {
    const tenant = await this.tenants.findById(staff.tenantId);
    if (!tenant) throw new NotFoundError('Tenant');
    return { mfaRequired: tenant.mfaRequired };
  }

  async setMfaRequired(staff: StaffPrincipal, required: boolean): Promise<StaffSecurity> {
    // An admin who requires MFA of everyone has it first, so the switch never locks its own session into enrollment.
    if (required && staff.kind === 'user' && !(await this.userHasMfa(staff.tenantId, staff.userId))) {
      throw new ConflictError('Turn on two-factor authentication for your own account first', 'mfa_not_enabled');
    }
    const before = await this.get(staff);
    await this.tenants.setMfaRequired(staff.tenantId, required);
    await this.audit.record({
      tenantId: staff.tenantId,
      ...auditActor(staff),
      action: 'settings.mfa_required_changed',
      objectType: 'tenant',
      objectId: staff.tenantId,
      detail: { from: before.mfaRequired, to: required },
    });
    return this.get(staff);
  }
}
