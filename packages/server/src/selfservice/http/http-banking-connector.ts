import { z } from 'zod';
import type { BankingConnector, Transfer } from '../connectors/banking-connector.js';
import type { ConnectorContext } from '../connectors/connector-context.js';
import type { EnterpriseClientFor } from './enterprise-client-for.js';
import { remoteCall } from './remote-failure.js';

const transferSchema = z.object({
  transferId: z.string(),
  day: z.string(),
  amountCents: z.number().int(),
  payeeName: z.string(),
  payeeAccountLast4: z.string(),
  status: z.enum(['completed', 'processing', 'returned']),
});

/**
 * A core banking system, for a customer whose mobile passed the SMS check: `GET /bank/customers/{id}/balance`,
 * `POST …/cards/{last4}/loss`, `POST …/cards/{last4}/password-resets` `{ kind }`, `GET …/card-bills/{YYYY-MM}`,
 * `GET …/transfers?day=&amountCents=`. Writes carry an Idempotency-Key. Refusals: `account_not_found`,
 * `card_not_found`, `card_already_lost`, `card_lost`, `bill_not_found`, `transfer_not_found`.
 */
export class HttpBankingConnector implements BankingConnector {
  constructor(private readonly clientFor: EnterpriseClientFor) {}

  async getBalance(ctx: ConnectorContext, customerId: string) {
    const body = await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `${customer(customerId)}/balance`));
    return z.object({ accountLast4: z.string(), availableCents: z.number().int(), ledgerCents: z.number().int() }).parse(body);
  }

  async reportCardLoss(ctx: ConnectorContext, customerId: string, cardLast4: string) {
    const body = await remoteCall(() => this.clientFor(ctx.tenantId).request('POST', `${customer(customerId)}/cards/${encodeURIComponent(cardLast4)}/loss`, { body: {}, idempotencyKey: ctx.idempotencyKey }));
    return z.object({ reportNumber: z.string(), replacementFeeCents: z.number().int() }).parse(body);
  }

  async resetPassword(ctx: ConnectorContext, customerId: string, cardLast4: string, kind: 'login' | 'transaction') {
    const body = await remoteCall(() =>
      this.clientFor(ctx.tenantId).request('POST', `${customer(customerId)}/cards/${encodeURIComponent(cardLast4)}/password-resets`, { body: { kind }, idempotencyKey: ctx.idempotencyKey }),
    );
    return z.object({ requestNumber: z.string(), linkValidMinutes: z.number().int() }).parse(body);
  }

  async getCardBill(ctx: ConnectorContext, customerId: string, month: string) {
    const body = await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `${customer(customerId)}/card-bills/${encodeURIComponent(month)}`));
    return z.object({ amountDueCents: z.number().int(), minimumDueCents: z.number().int(), dueDate: z.string() }).parse(body);
  }

  async findTransfer(ctx: ConnectorContext, customerId: string, day: string, amountCents: number | null): Promise<Transfer> {
    const query = new URLSearchParams({ day });
    if (amountCents !== null) query.set('amountCents', String(amountCents));
    return transferSchema.parse(await remoteCall(() => this.clientFor(ctx.tenantId).request('GET', `${customer(customerId)}/transfers?${query}`)));
  }
}

function customer(customerId: string): string {
  return `/bank/customers/${encodeURIComponent(customerId)}`;
}
