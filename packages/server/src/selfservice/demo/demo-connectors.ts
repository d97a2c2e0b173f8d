import type { Connectors } from '../connectors/connectors.js';
import type { SelfServiceDb } from '../self-service-db.js';
import type { TenantReturnPolicies } from '../tenant-return-policies.js';
import { DemoApplicationConnector } from './demo-application-connector.js';
import { DemoAppointmentConnector } from './demo-appointment-connector.js';
import { DemoBankingConnector } from './demo-banking-connector.js';
import { DemoCustomerRecordConnector } from './demo-customer-record-connector.js';
import { DemoIdentityConnector } from './demo-identity-connector.js';
import { DemoInvoiceConnector } from './demo-invoice-connector.js';
import { DemoLogisticsConnector } from './demo-logistics-connector.js';
import { DemoMaterialConnector } from './demo-material-connector.js';
import { DemoOrderConnector } from './demo-order-connector.js';
import { DemoReturnConnector } from './demo-return-connector.js';
import { DemoTelecomAccountConnector } from './demo-telecom-account-connector.js';
import { DemoTelecomServiceConnector } from './demo-telecom-service-connector.js';
import { DemoTicketConnector } from './demo-ticket-connector.js';

/** Every capability backed by the demo enterprise tables. */
export function demoConnectors(db: SelfServiceDb, policies: TenantReturnPolicies): Connectors {
  const orders = new DemoOrderConnector(db);
  return {
    orders,
    returns: new DemoReturnConnector(db, orders, policies),
    logistics: new DemoLogisticsConnector(db),
    invoices: new DemoInvoiceConnector(db),
    identity: new DemoIdentityConnector(db),
    banking: new DemoBankingConnector(db),
    appointments: new DemoAppointmentConnector(db),
    materials: new DemoMaterialConnector(db),
    applications: new DemoApplicationConnector(db),
    telecomAccounts: new DemoTelecomAccountConnector(db),
    telecomServices: new DemoTelecomServiceConnector(db),
    tickets: new DemoTicketConnector(db),
    customerRecords: new DemoCustomerRecordConnector(db),
  };
}
