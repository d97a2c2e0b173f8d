/**
 * What the enterprise's records say about a customer that makes a service likely now. The kinds
 * are the vocabulary of the record rules (record-rules.ts); a signal source (the demo enterprise's,
 * or a real CRM's adapter) reports the ones it finds with when they happened.
 */
export const CUSTOMER_SIGNAL_KINDS = [
  'order_shipped',
  'order_delayed',
  'order_awaiting_shipment',
  'order_unpaid',
  'order_delivered_recently',
  'refund_processing',
  'return_in_progress',
  'card_bill_due',
  'card_lost',
  'transfer_processing',
  'transfer_returned',
  'application_awaiting_materials',
  'application_in_progress',
  'appointment_upcoming',
  'phone_arrears',
  'data_running_low',
  'ticket_open',
] as const;

export type CustomerSignalKind = (typeof CUSTOMER_SIGNAL_KINDS)[number];

export interface CustomerSignal {
  kind: CustomerSignalKind;
  /** The record it comes from (order number, application reference…), for the reason shown. */
  ref: string;
  /** When the state began (shipped at, bill issued…), or for deadlines when it falls due. */
  at: Date;
}

/** Who the records are looked up for: the enterprise customer ids proven in this session. */
export interface SignalSubject {
  tenantId: string;
  customerIds: readonly string[];
  /** This conversation: government applications and appointments made in it count even for an anonymous visitor. */
  conversationId: string | null;
  now: Date;
}

/** Reads a customer's current signals from the enterprise systems (through the connectors' tables or a CRM). */
export interface CustomerSignalSource {
  signals(subject: SignalSubject): Promise<CustomerSignal[]>;
}
