import { randomBytes } from 'node:crypto';
import { auditActor, type AuditLog } from '../auth/audit-log.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { IdentityMode } from '../db/schema.js';
import { NotFoundError, ValidationError } from '../errors/app-error.js';
import type { Tenant, TenantRepository } from '../tenancy/tenant-repository.js';
import { MAX_ALLOWED_ORIGINS, parseAllowedOrigin } from '../widget/allowed-origin.js';

/** What an admin sees of the widget's security settings; the identity secret itself never appears here. */
export interface WidgetSecurity {
  allowedOrigins: string[];
  identity: { mode: IdentityMode; secretSet: boolean };
}

/**
 * A tenant's widget security settings: which sites may embed the widget and
 * how visitors' identities are verified. Every change is audit-logged; a new
 * identity secret is returned once, to the caller that caused it.
 */
export class WidgetSecurityService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly audit: AuditLog,
  ) {}

  async get(staff: StaffPrincipal): Promise<WidgetSecurity> {
    return view(await this.tenantOf(staff));
  }

  async setAllowedOrigins(staff: StaffPrincipal, input: readonly string[]): Promise<WidgetSecurity> {
    if (input.length > MAX_ALLOWED_ORIGINS) throw new ValidationError(`At most ${MAX_ALLOWED_ORIGINS} allowed origins`);
    const origins: string[] = [];
    for (const entry of input) {
      const parsed = parseAllowedOrigin(entry);
      if (!parsed.ok) throw new ValidationError(`"${entry.slice(0, 100)}" ${parsed.reason}`);
      if (!origins.includes(parsed.origin)) origins.push(parsed.origin);
    }
    const before = await this.tenantOf(staff);
    await this.tenants.setWidgetAllowedOrigins(before.id, origins);
    await this.audit.record({
      tenantId: before.id,
      ...auditActor(staff),
      action: 'widget.allowed_origins_updated',
      objectType: 'tenant',
      objectId: before.id,
      detail: { added: origins.filter((o) => !before.widgetAllowedOrigins.includes(o)), removed: before.widgetAllowedOrigins.filter((o) => !origins.includes(o)) },
    });
    return this.get(staff);
  }

  /**
   * Switching verification on needs a secret for the tenant's backend; the
   * first one is created here and returned once. Switching off keeps the
   * secret, so switching back on does not break a backend that still signs.
   */
  async setIdentityMode(staff: StaffPrincipal, mode: IdentityMode): Promise<WidgetSecurity & { secret?: string }> {
    const tenant = await this.tenantOf(staff);
    const candidate = mode === 'off' ? null : newIdentitySecret();
    const stored = await this.tenants.setIdentityMode(tenant.id, mode, candidate);
    const created = candidate !== null && stored === candidate;
    await this.audit.record({
      tenantId: tenant.id,
      ...auditActor(staff),
      action: 'widget.identity_mode_changed',
      objectType: 'tenant',
      objectId: tenant.id,
      detail: { from: tenant.identityMode, to: mode, secretCreated: created },
    });
    const result = await this.get(staff);
    return created ? { ...result, secret: candidate } : result;
  }

  /** A fresh secret replaces the old one at once: this is how a leaked secret is revoked. */
  async rotateIdentitySecret(staff: StaffPrincipal): Promise<{ secret: string }> {
    const tenant = await this.tenantOf(staff);
    const secret = newIdentitySecret();
    await this.tenants.setIdentitySecret(tenant.id, secret);
    await this.audit.record({ tenantId: tenant.id, ...auditActor(staff), action: 'widget.identity_secret_rotated', objectType: 'tenant', objectId: tenant.id, detail: { mode: tenant.identityMode } });
    return { secret };
  }

  private async tenantOf(staff: StaffPrincipal): Promise<Tenant> {
    const tenant = await this.tenants.findById(staff.tenantId);
    if (!tenant) throw new NotFoundError('Tenant');
    return tenant;
  }
}

function view(tenant: Tenant): WidgetSecurity {
  return { allowedOrigins: [...tenant.widgetAllowedOrigins], identity: { mode: tenant.identityMode, secretSet: tenant.identitySecretSet } };
}

/** The same form the CLI prints: 256 bits as hex, which tenants' backends use as an HMAC key. */
function newIdentitySecret(): string {
  return randomBytes(32).toString('hex');
}
