import type { ConnectorContext } from './connector-context.js';

export interface InvoiceRequest {
  orderNo: string;
  titleType: 'personal' | 'company';
  title: string;
  taxId: string | null;
  email: string;
}

/** Electronic invoices for orders. Failures: `order_not_found`, `not_eligible`, `tax_id_required`. */
export interface InvoiceConnector {
  request(ctx: ConnectorContext, request: InvoiceRequest): Promise<{ requestNumber: string; expectedDays: number }>;
}
