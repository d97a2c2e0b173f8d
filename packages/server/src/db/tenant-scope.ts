import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Whose rows the database session may see. Row-level security reads it from
 * the session (see TenantScopedDialect): one tenant, every tenant, or — with
 * no scope at all — none.
 */
export interface ScopeState {
  tenantId: string | null;
  allTenants: boolean;
}

const storage = new AsyncLocalStorage<ScopeState>();

/** Code already acting for one tenant asked to act for another: a bug that would otherwise cross the wall. */
export class TenantScopeConflictError extends Error {
  readonly code = 'tenant_scope_conflict';
}

/**
 * The ambient tenant of the code running now, which row-level security turns
 * into a second wall behind every repository's own `where tenant_id = …`.
 * Code with no scope sees no tenant-owned rows at all, so a path that forgot
 * to say whose data it touches fails loudly instead of leaking.
 * @example
 * await TenantScope.asTenant(ctx.tenantId, () => faqs.list(ctx));
 * await TenantScope.asSystem(() => jobs.claimDue()); // every tenant's jobs
 */
export const TenantScope = {
  /**
   * Runs fn as one tenant: queries see, and may write, only that tenant's rows.
   * Inside another tenant's scope it throws: a request of A never turns into B.
   */
  asTenant<T>(tenantId: string, fn: () => T): T {
    const current = storage.getStore()?.tenantId;
    if (current && current !== tenantId) throw new TenantScopeConflictError(`code running as tenant ${current} asked to run as tenant ${tenantId}`);
    return storage.run({ tenantId, allTenants: false }, fn);
  },

  /**
   * Runs fn across every tenant. Only for work that is not any one tenant's:
   * sweeps over all tenants, boot-time catch-up, operator seeding, and the
   * credential lookups (session, API key, visitor token) that find the tenant.
   */
  asSystem<T>(fn: () => T): T {
    return storage.run({ tenantId: null, allTenants: true }, fn);
  },

  /**
   * Runs fn in a state the caller keeps and fills in later: an HTTP request
   * learns its tenant only when its credentials are resolved.
   */
  within<T>(state: ScopeState, fn: () => T): T {
    return storage.run(state, fn);
  },

  /** The scope of the code running now; undefined outside any. */
  current(): ScopeState | undefined {
    return storage.getStore();
  },
};
