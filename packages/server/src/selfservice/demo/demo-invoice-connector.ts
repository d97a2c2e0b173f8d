import type { ConnectorContext } from '../connectors/connector-context.js';
import type { InvoiceConnector, InvoiceRequest } from '../connectors/invoice-connector.js';
import { nextReference } from '../reference-numbers.js';
import { SelfServiceFailure } from '../selfservice-failure.js';
import type { SelfServiceDb } from '../self-service-db.js';
import { conversationCustomerId } from '../conversation-customer.js';

/** Electronic invoice requests, recorded as service requests of kind `invoice`. */
export class DemoInvoiceConnector implements InvoiceConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async request(ctx: ConnectorContext, request: InvoiceRequest) {
    const order = await this.db.selectFrom('demo_orders').select('status').where('tenant_id', '=', ctx.tenantId).where('order_no', '=', request.orderNo).executeTakeFirst();
    if (!order) throw new SelfServiceFailure('order_not_found', '没有查到该订单');
    if (order.status === 'cancelled' || order.status === 'pending_payment') throw new SelfServiceFailure('not_eligible', '订单未支付或已取消，无法开具发票');
    if (request.titleType === 'company' && !request.taxId) throw new SelfServiceFailure('tax_id_required', '企业抬头需要提供纳税人识别号');
    const requestNumber = await nextReference(this.db, ctx.tenantId, 'FP', ctx.now);
    await this.db
      .insertInto('demo_service_requests')
      .values({ tenant_id: ctx.tenantId, reference: requestNumber, kind: 'invoice', subject: request.orderNo, detail: JSON.stringify(request), conversation_id: ctx.conversationId, customer_id: await conversationCustomerId(this.db, ctx) })
      .execute();
    return { requestNumber, expectedDays: 3 };
  }
}
