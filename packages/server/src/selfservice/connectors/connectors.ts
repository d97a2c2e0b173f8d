import type { AppointmentConnector } from './appointment-connector.js';
import type { ApplicationConnector } from './application-connector.js';
import type { BankingConnector } from './banking-connector.js';
import type { CustomerRecordConnector } from './customer-record-connector.js';
import type { IdentityConnector } from './identity-connector.js';
import type { InvoiceConnector } from './invoice-connector.js';
import type { LogisticsConnector } from './logistics-connector.js';
import type { MaterialConnector } from './material-connector.js';
import type { OrderConnector } from './order-connector.js';
import type { ReturnConnector } from './return-connector.js';
import type { TelecomAccountConnector } from './telecom-account-connector.js';
import type { TelecomServiceConnector } from './telecom-service-connector.js';
import type { TicketConnector } from './ticket-connector.js';

/** One connector per capability; a deployment swaps any of them for its real CRM/ERP. */
export interface Connectors {
  orders: OrderConnector;
  returns: ReturnConnector;
  logistics: LogisticsConnector;
  invoices: InvoiceConnector;
  identity: IdentityConnector;
  banking: BankingConnector;
  appointments: AppointmentConnector;
  materials: MaterialConnector;
  applications: ApplicationConnector;
  telecomAccounts: TelecomAccountConnector;
  telecomServices: TelecomServiceConnector;
  tickets: TicketConnector;
  customerRecords: CustomerRecordConnector;
}
