import { randomUUID } from 'node:crypto';
import type { ConnectorContext } from './connectors/connector-context.js';
import type { SelfServiceDb } from './self-service-db.js';
import { SelfServiceFailure } from './selfservice-failure.js';

/** How long a passed OTP check lets a conversation act for a customer. */
export const VERIFICATION_TTL_MS = 30 * 60_000;

/**
 * Which customers a conversation has proved to be (by OTP). Account actions
 * check here instead of trusting the customer id a flow passes in.
 */
export class CustomerVerifications {
  constructor(private readonly db: SelfServiceDb) {}

  async record(ctx: ConnectorContext, customerId: string, mobile: string): Promise<void> {
    await this.db
      .insertInto('selfservice_verifications')
      .values({ id: randomUUID(), tenant_id: ctx.tenantId, conversation_id: ctx.conversationId, customer_id: customerId, mobile, verified_at: ctx.now })
      .execute();
  }

  async requireCustomer(ctx: ConnectorContext, customerId: string): Promise<void> {
    if (!(await this.find(ctx, 'customer_id', customerId))) throw new SelfServiceFailure('not_verified', '请先完成身份验证');
  }

  async requireMobile(ctx: ConnectorContext, mobile: string): Promise<void> {
    if (!(await this.find(ctx, 'mobile', mobile))) throw new SelfServiceFailure('not_verified', '请先完成身份验证');
  }

  private async find(ctx: ConnectorContext, column: 'customer_id' | 'mobile', value: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('selfservice_verifications')
      .select('id')
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', ctx.conversationId)
      .where(column, '=', value)
      .where('verified_at', '>', new Date(ctx.now.getTime() - VERIFICATION_TTL_MS))
      .executeTakeFirst();
    return row !== undefined;
  }
}
