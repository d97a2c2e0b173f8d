import type { ConnectorContext } from './connector-context.js';

export interface Transfer {
  transferId: string;
  day: string;
  amountCents: number;
  payeeName: string;
  payeeAccountLast4: string;
  status: 'completed' | 'processing' | 'returned';
}

/**
 * Accounts, cards and transfers of a verified bank customer.
 * Failures: `card_not_found`, `card_already_lost`, `bill_not_found`, `transfer_not_found`.
 */
export interface BankingConnector {
  getBalance(ctx: ConnectorContext, customerId: string): Promise<{ accountLast4: string; availableCents: number; ledgerCents: number }>;
  reportCardLoss(ctx: ConnectorContext, customerId: string, cardLast4: string): Promise<{ reportNumber: string; replacementFeeCents: number }>;
  resetPassword(ctx: ConnectorContext, customerId: string, cardLast4: string, kind: 'login' | 'transaction'): Promise<{ requestNumber: string; linkValidMinutes: number }>;
  getCardBill(ctx: ConnectorContext, customerId: string, month: string): Promise<{ amountDueCents: number; minimumDueCents: number; dueDate: string }>;
  findTransfer(ctx: ConnectorContext, customerId: string, day: string, amountCents: number | null): Promise<Transfer>;
}
