import { BusinessRefusal } from './business-refusal.js';
import type { CardRecord, TransferRecord } from './enterprise-books.js';
import type { EnterpriseStore } from './enterprise-store.js';

const REPLACEMENT_FEE_CENTS = 1000;
const RESET_LINK_VALID_MINUTES = 30;

/**
 * The demo bank: balances, cards (挂失, password resets), credit-card bills and transfers of its
 * customers. Zhida only calls it for a customer whose mobile it verified by SMS; the bank still
 * answers only about cards and accounts of the customer in the path.
 */
export class Bank {
  constructor(
    private readonly store: EnterpriseStore,
    private readonly now: () => Date,
  ) {}

  balance(tenant: string, customerId: string) {
    const account = this.store
      .books(tenant)
      .accounts.filter((a) => a.customerId === customerId)
      .sort((a, b) => a.accountLast4.localeCompare(b.accountLast4))[0];
    if (!account) throw new BusinessRefusal('account_not_found', '未查到您名下的借记账户', 404);
    return { accountLast4: account.accountLast4, availableCents: account.availableCents, ledgerCents: account.ledgerCents };
  }

  reportCardLoss(tenant: string, customerId: string, last4: string) {
    const card = this.card(tenant, customerId, last4);
    if (card.status === 'lost') throw new BusinessRefusal('card_already_lost', `尾号${card.last4}的卡片已处于挂失状态`, 409);
    card.status = 'lost';
    const reportNumber = this.request(tenant, 'GS', 'card_loss', last4, customerId, {});
    return { reportNumber, replacementFeeCents: REPLACEMENT_FEE_CENTS };
  }

  resetPassword(tenant: string, customerId: string, last4: string, kind: 'login' | 'transaction') {
    const card = this.card(tenant, customerId, last4);
    if (card.status === 'lost') throw new BusinessRefusal('card_lost', '该卡已挂失，请先办理补卡', 409);
    const requestNumber = this.request(tenant, 'MM', 'password_reset', last4, customerId, { kind });
    return { requestNumber, linkValidMinutes: RESET_LINK_VALID_MINUTES };
  }

  cardBill(tenant: string, customerId: string, month: string) {
    const bill = this.store.books(tenant).cardBills.find((b) => b.customerId === customerId && b.month === month);
    if (!bill) throw new BusinessRefusal('bill_not_found', `未查到${month}的信用卡账单`, 404);
    return { amountDueCents: bill.amountDueCents, minimumDueCents: bill.minimumDueCents, dueDate: bill.dueDate };
  }

  findTransfer(tenant: string, customerId: string, day: string, amountCents: number | null): Omit<TransferRecord, 'customerId'> {
    const transfer = this.store
      .books(tenant)
      .transfers.filter((t) => t.customerId === customerId && t.day === day && (amountCents === null || t.amountCents === amountCents))
      .sort((a, b) => a.transferId.localeCompare(b.transferId))[0];
    if (!transfer) throw new BusinessRefusal('transfer_not_found', '未查到符合条件的转账记录', 404);
    const { customerId: _owner, ...answer } = transfer;
    return answer;
  }

  private card(tenant: string, customerId: string, last4: string): CardRecord {
    const card = this.store.books(tenant).cards.find((c) => c.customerId === customerId && c.last4 === last4);
    if (!card) throw new BusinessRefusal('card_not_found', `未查到您名下尾号${last4}的卡片`, 404);
    return card;
  }

  private request(tenant: string, prefix: string, kind: string, subject: string, customerId: string, detail: Record<string, string>): string {
    const reference = this.store.nextReference(tenant, prefix);
    this.store.books(tenant).serviceRequests.push({ reference, kind, subject, detail, customerId, createdAt: this.now().toISOString() });
    return reference;
  }
}
