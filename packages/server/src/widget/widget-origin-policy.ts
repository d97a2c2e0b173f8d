import type { Tenant, TenantRepository } from '../tenancy/tenant-repository.js';
import { allowlistEntriesMatching, originMatches, parseRequestOrigin } from './allowed-origin.js';

/** Where a browser request came from: its Origin header and the Host it was sent to. */
export interface RequestSite {
  origin: string | undefined;
  host: string | undefined;
}

/**
 * Decides which sites may use a tenant's widget from a browser: the platform's
 * own pages (same host, or PUBLIC_URL) always, otherwise only the origins on
 * the tenant's allowlist. Used by the widget API's CORS, the Socket.IO
 * /widget namespace and the frame-ancestors of embeddable pages.
 */
export class WidgetOriginPolicy {
  private readonly publicOrigin: string | null;

  constructor(
    private readonly tenants: TenantRepository,
    publicUrl: string | null,
  ) {
    this.publicOrigin = publicUrl ? new URL(publicUrl).origin : null;
  }

  /** Same-origin pages, such as the demo shop, need no allowlist entry. */
  isPlatformOrigin(site: RequestSite): boolean {
    const origin = parseRequestOrigin(site.origin);
    if (!origin) return false;
    if (origin === this.publicOrigin) return true;
    return site.host !== undefined && new URL(origin).host === site.host.toLowerCase();
  }

  /** Whether the tenant allows this site; false for a malformed or opaque origin. */
  allowsTenant(tenant: Pick<Tenant, 'widgetAllowedOrigins'>, site: RequestSite): boolean {
    if (this.isPlatformOrigin(site)) return true;
    const origin = parseRequestOrigin(site.origin);
    return origin !== null && tenant.widgetAllowedOrigins.some((entry) => originMatches(origin, entry));
  }

  /** As allowsTenant, by id or slug; null when there is no such tenant. */
  async allows(which: { tenantId: string } | { slug: string }, site: RequestSite): Promise<boolean | null> {
    if (this.isPlatformOrigin(site)) return true;
    const tenant = 'tenantId' in which ? await this.tenants.findById(which.tenantId) : await this.tenants.findBySlug(which.slug);
    return tenant ? this.allowsTenant(tenant, site) : null;
  }

  /**
   * Whether any tenant allows this site. Answers only questions that carry no
   * tenant data: CORS preflights, and errors raised before the tenant is known.
   */
  async isKnownSite(site: RequestSite): Promise<boolean> {
    if (this.isPlatformOrigin(site)) return true;
    const origin = parseRequestOrigin(site.origin);
    return origin !== null && (await this.tenants.anyAllowsOneOf(allowlistEntriesMatching(origin)));
  }

  /** The CSP frame-ancestors sources for a page of this tenant ('self' alone for an unknown tenant). */
  async frameAncestors(slug: string | undefined): Promise<string> {
    const tenant = slug ? await this.tenants.findBySlug(slug) : undefined;
    return ["'self'", ...(tenant?.widgetAllowedOrigins ?? [])].join(' ');
  }
}
