import type { Connectors } from '../connectors/connectors.js';
import { perTenantClients } from './enterprise-client-for.js';
import { HttpInvoiceConnector } from './http-invoice-connector.js';
import { HttpLogisticsConnector } from './http-logistics-connector.js';
import { HttpOrderConnector } from './http-order-connector.js';
import { HttpReturnConnector } from './http-return-connector.js';
import { HttpTelecomAccountConnector } from './http-telecom-account-connector.js';

/**
 * Every capability with an HTTP contract (the shop's orders, returns, parcels and invoices; the operator's
 * phone accounts) on the configured enterprise backend (ZHIDA_ENTERPRISE_URL), each tenant at
 * `{url}/t/{tenantId}`; none when no backend is configured.
 */
export function enterpriseConnectors(backend: { url: string; secret: string } | null | undefined): Partial<Connectors> {
  if (!backend) return {};
  const clientFor = perTenantClients({ baseUrl: backend.url, secret: backend.secret });
  return {
    orders: new HttpOrderConnector(clientFor),
    returns: new HttpReturnConnector(clientFor),
    logistics: new HttpLogisticsConnector(clientFor),
    invoices: new HttpInvoiceConnector(clientFor),
    telecomAccounts: new HttpTelecomAccountConnector(clientFor),
  };
}
