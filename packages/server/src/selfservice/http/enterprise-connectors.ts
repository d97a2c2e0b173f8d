import type { Connectors } from '../connectors/connectors.js';
import { perTenantClients } from './enterprise-client-for.js';
import { HttpApplicationConnector } from './http-application-connector.js';
import { HttpAppointmentConnector } from './http-appointment-connector.js';
import { HttpBankingConnector } from './http-banking-connector.js';
import { HttpCustomerRecordConnector } from './http-customer-record-connector.js';
import { HttpIdentityConnector } from './http-identity-connector.js';
import { HttpInvoiceConnector } from './http-invoice-connector.js';
import { HttpLogisticsConnector } from './http-logistics-connector.js';
import { HttpMaterialConnector } from './http-material-connector.js';
import { HttpOrderConnector } from './http-order-connector.js';
import { HttpReturnConnector } from './http-return-connector.js';
import { HttpTelecomAccountConnector } from './http-telecom-account-connector.js';
import { HttpTelecomServiceConnector } from './http-telecom-service-connector.js';

/**
 * Every capability but tickets (which Zhida keeps itself) on the configured enterprise backend
 * (ZHIDA_ENTERPRISE_URL), each tenant at `{url}/t/{tenantId}`: the shop's orders, returns, parcels and
 * invoices; identity lookup; the bank; the government hall's appointments, applications and materials;
 * the operator's accounts and services; the customer's own records for search. None when no backend is configured.
 */
export function enterpriseConnectors(backend: { url: string; secret: string } | null | undefined): Partial<Omit<Connectors, 'tickets'>> {
  if (!backend) return {};
  const clientFor = perTenantClients({ baseUrl: backend.url, secret: backend.secret });
  return {
    orders: new HttpOrderConnector(clientFor),
    returns: new HttpReturnConnector(clientFor),
    logistics: new HttpLogisticsConnector(clientFor),
    invoices: new HttpInvoiceConnector(clientFor),
    telecomAccounts: new HttpTelecomAccountConnector(clientFor),
    identity: new HttpIdentityConnector(clientFor),
    banking: new HttpBankingConnector(clientFor),
    appointments: new HttpAppointmentConnector(clientFor),
    applications: new HttpApplicationConnector(clientFor),
    materials: new HttpMaterialConnector(clientFor),
    telecomServices: new HttpTelecomServiceConnector(clientFor),
    customerRecords: new HttpCustomerRecordConnector(clientFor),
  };
}
