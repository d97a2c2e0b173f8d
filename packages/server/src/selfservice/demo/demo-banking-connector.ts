import type { BankingConnector, Transfer } from '../connectors/banking-connector.js';
import type { ConnectorContext } from '../connectors/connector-context.js';
import { nextReference } from '../reference-numbers.js';
import { SelfServiceFailure } from '../selfservice-failure.js';
import type { SelfServiceDb } from '../self-service-db.js';
import { conversationCustomerId } from '../conversation-customer.js';

const REPLACEMENT_FEE_CENTS = 1000;

/** Accounts, cards, bills and transfers of the demo bank. */
export class DemoBankingConnector implements BankingConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async getBalance(ctx: ConnectorContext, customerId: string) {
    const account = await this.db.selectFrom('demo_accounts').selectAll().where('tenant_id', '=', ctx.tenantId).where('customer_id', '=', customerId).orderBy('account_last4').executeTakeFirst();
    if (!account) throw new SelfServiceFailure('account_not_found', '未查到您名下的借记账户');
    return { accountLast4: account.account_last4, availableCents: Number(account.available_cents), ledgerCents: Number(account.ledger_cents) };
  }

  async reportCardLoss(ctx: ConnectorContext, customerId: string, cardLast4: string) {
    const updated = await this.db
      .updateTable('demo_cards')
      .set({ status: 'lost' })
      .where('tenant_id', '=', ctx.tenantId)
      .where('customer_id', '=', customerId)
      .where('last4', '=', cardLast4)
      .where('status', '=', 'active')
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      const card = await this.card(ctx, customerId, cardLast4);
      throw new SelfServiceFailure('card_already_lost', `尾号${card.last4}的卡片已处于挂失状态`);
    }
    const reportNumber = await this.record(ctx, 'GS', 'card_loss', cardLast4, { customerId });
    return { reportNumber, replacementFeeCents: REPLACEMENT_FEE_CENTS };
  }

  async resetPassword(ctx: ConnectorContext, customerId: string, cardLast4: string, kind: 'login' | 'transaction') {
    const card = await this.card(ctx, customerId, cardLast4);
    if (card.status === 'lost') throw new SelfServiceFailure('card_lost', '该卡已挂失，请先办理补卡');
    const requestNumber = await this.record(ctx, 'MM', 'password_reset', cardLast4, { customerId, kind });
    return { requestNumber, linkValidMinutes: 30 };
  }

  async getCardBill(ctx: ConnectorContext, customerId: string, month: string) {
    const bill = await this.db
      .selectFrom('demo_card_bills')
      .selectAll()
      .where('tenant_id', '=', ctx.tenantId)
      .where('customer_id', '=', customerId)
      .where('month', '=', month)
      .executeTakeFirst();
    if (!bill) throw new SelfServiceFailure('bill_not_found', `未查到${month}的信用卡账单`);
    return { amountDueCents: bill.amount_due_cents, minimumDueCents: bill.minimum_due_cents, dueDate: bill.due_date };
  }

  async findTransfer(ctx: ConnectorContext, customerId: string, day: string, amountCents: number | null): Promise<Transfer> {
    let query = this.db.selectFrom('demo_transfers').selectAll().where('tenant_id', '=', ctx.tenantId).where('customer_id', '=', customerId).where('day', '=', day);
    if (amountCents !== null) query = query.where('amount_cents', '=', amountCents);
    const row = await query.orderBy('transfer_id').executeTakeFirst();
    if (!row) throw new SelfServiceFailure('transfer_not_found', '未查到符合条件的转账记录');
    return { transferId: row.transfer_id, day: row.day, amountCents: row.amount_cents, payeeName: row.payee_name, payeeAccountLast4: row.payee_account_last4, status: row.status };
  }

  private async card(ctx: ConnectorContext, customerId: string, last4: string) {
    const card = await this.db.selectFrom('demo_cards').selectAll().where('tenant_id', '=', ctx.tenantId).where('customer_id', '=', customerId).where('last4', '=', last4).executeTakeFirst();
    if (!card) throw new SelfServiceFailure('card_not_found', `未查到您名下尾号${last4}的卡片`);
    return card;
  }

  private async record(ctx: ConnectorContext, prefix: string, kind: string, subject: string, detail: Record<string, unknown>): Promise<string> {
    const reference = await nextReference(this.db, ctx.tenantId, prefix, ctx.now);
    await this.db
      .insertInto('demo_service_requests')
      .values({ tenant_id: ctx.tenantId, reference, kind, subject, detail: JSON.stringify(detail), conversation_id: ctx.conversationId, customer_id: await conversationCustomerId(this.db, ctx) })
      .execute();
    return reference;
  }
}
