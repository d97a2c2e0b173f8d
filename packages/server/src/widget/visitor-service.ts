import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Principal } from '../auth/principal.js';
import { hashToken, newSecretToken } from '../auth/secret-token.js';
import type { Database } from '../db/schema.js';
import { TenantScope } from '../db/tenant-scope.js';
import { NotFoundError, UnauthorizedError } from '../errors/app-error.js';
import type { TenantRepository, Tenant } from '../tenancy/tenant-repository.js';
import { verifyIdentityHash } from './identity-verifier.js';

export interface VisitorIdentity {
  userId?: string | undefined;
  userHash?: string | undefined;
  name?: string | undefined;
}

export interface NewVisitor {
  tenant: Tenant;
  visitorId: string;
  token: string;
  name: string | null;
  verified: boolean;
  externalId: string | null;
}

/**
 * Widget visitors. Each gets a server-issued 256-bit opaque token that
 * authorises only its own conversations. A claimed userId is trusted only
 * with a valid HMAC; otherwise it is kept as an unverified label and never
 * links the visitor to anyone else's history.
 */
export class VisitorService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly tenants: TenantRepository,
  ) {}

  async create(tenantSlug: string, identity: VisitorIdentity): Promise<NewVisitor> {
    const tenant = await this.tenants.findBySlug(tenantSlug);
    if (!tenant) throw new NotFoundError('Tenant');
    let verified = false;
    if (identity.userId) {
      // Opened only when there is a hash to check; a secret that does not open is a 500, not a failed check.
      const secret = tenant.identitySecretSet && identity.userHash ? await this.tenants.identitySecret(tenant.id) : null;
      const ok = secret && identity.userHash ? verifyIdentityHash(secret, identity.userId, identity.userHash) : false;
      if (tenant.identityMode === 'required' && !ok) throw new UnauthorizedError('Identity verification failed');
      if (tenant.identityMode !== 'off' && identity.userHash && !ok) throw new UnauthorizedError('Identity verification failed');
      verified = ok;
    } else if (tenant.identityMode === 'required') {
      throw new UnauthorizedError('This tenant requires a verified user identity');
    }
    const { token, hash } = newSecretToken(`${tenant.id}${TENANT_SEPARATOR}`);
    const visitorId = randomUUID();
    const externalId = identity.userId ?? null;
    const name = identity.name ?? null;
    await TenantScope.asTenant(tenant.id, () =>
      this.db.insertInto('visitors').values({ id: visitorId, tenant_id: tenant.id, external_id: externalId, name, verified, token_hash: hash }).execute(),
    );
    return { tenant, visitorId, token, name, verified, externalId };
  }

  /**
   * A visitor for a customer whom a channel authenticated itself (a WeChat openid in a callback WeChat
   * signed): the widget's identity check does not apply, and the channel keeps the mapping to its own id.
   * The openid is not the enterprise's customer id, so the visitor is not `verified`.
   */
  async createForChannel(tenantId: string, name: string | null = null): Promise<NewVisitor> {
    const tenant = await this.tenants.findById(tenantId);
    if (!tenant) throw new NotFoundError('Tenant');
    const { token, hash } = newSecretToken(`${tenant.id}${TENANT_SEPARATOR}`);
    const visitorId = randomUUID();
    await TenantScope.asTenant(tenant.id, () =>
      this.db.insertInto('visitors').values({ id: visitorId, tenant_id: tenant.id, external_id: null, name, verified: false, token_hash: hash }).execute(),
    );
    return { tenant, visitorId, token, name, verified: false, externalId: null };
  }

  /** The verified customer id of a visitor (their HMAC-checked external id), or null for an anonymous or unverified one. */
  async verifiedCustomerRef(visitor: { tenantId: string; visitorId: string }): Promise<string | null> {
    const row = await TenantScope.asTenant(visitor.tenantId, () =>
      this.db.selectFrom('visitors').select(['verified', 'external_id']).where('tenant_id', '=', visitor.tenantId).where('id', '=', visitor.visitorId).executeTakeFirst(),
    );
    return row?.verified && row.external_id ? row.external_id : null;
  }

  async resolveToken(token: string): Promise<Extract<Principal, { kind: 'visitor' }> | null> {
    const hash = hashToken(token);
    const tenantId = tenantOfToken(token);
    // The token names its tenant (the hash covers the name, so another tenant's id finds nothing): the lookup runs in
    // that tenant's scope, as the rest of the request does, and costs no switch of the session's scope each request.
    const row = tenantId
      ? await TenantScope.asTenant(tenantId, () => this.db.selectFrom('visitors').select(['id', 'tenant_id']).where('tenant_id', '=', tenantId).where('token_hash', '=', hash).executeTakeFirst())
      : // A token issued before tokens named their tenant: across tenants.
        await TenantScope.asSystem(() => this.db.selectFrom('visitors').select(['id', 'tenant_id']).where('token_hash', '=', hash).executeTakeFirst());
    return row ? { kind: 'visitor', tenantId: row.tenant_id, visitorId: row.id } : null;
  }
}

const TENANT_SEPARATOR = '.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The tenant a visitor token was issued for (`<tenant id>.<secret>`), or null for an older token without one. */
function tenantOfToken(token: string): string | null {
  const at = token.indexOf(TENANT_SEPARATOR);
  const tenantId = at === 36 ? token.slice(0, at) : '';
  return UUID.test(tenantId) ? tenantId : null;
}
