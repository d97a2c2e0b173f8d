import { HttpEnterpriseClient, type HttpEnterpriseClientOptions } from './http-enterprise-client.js';

/** The backend client of a tenant: each tenant has its own CRM/ERP (base URL, secret, circuit). */
export type EnterpriseClientFor = (tenantId: string) => HttpEnterpriseClient;

/**
 * One client per tenant under a shared root, `{baseUrl}/t/{tenantId}` — how the demo enterprise (and a
 * multi-tenant integration hub) is addressed. Each tenant gets its own circuit breaker, so one
 * tenant's dead backend does not fail the others fast.
 *
 * @example const clientFor = perTenantClients({ baseUrl: 'http://127.0.0.1:3100', secret });
 */
export function perTenantClients(options: HttpEnterpriseClientOptions): EnterpriseClientFor {
  const clients = new Map<string, HttpEnterpriseClient>();
  const root = options.baseUrl.replace(/\/+$/, '');
  return (tenantId) => {
    let client = clients.get(tenantId);
    if (!client) {
      client = new HttpEnterpriseClient({ ...options, baseUrl: `${root}/t/${encodeURIComponent(tenantId)}` });
      clients.set(tenantId, client);
    }
    return client;
  };
}
