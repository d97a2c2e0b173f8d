import type { ConnectorContext } from '../connectors/connector-context.js';
import type { MaterialConnector } from '../connectors/material-connector.js';
import { nextReference } from '../reference-numbers.js';
import { SelfServiceFailure } from '../selfservice-failure.js';
import type { SelfServiceDb } from '../self-service-db.js';
import { conversationCustomerId } from '../conversation-customer.js';

/**
 * Materials for demo applications: `expect` remembers which application this
 * conversation is collecting files for; each upload is then filed under it and
 * the application moves on to review.
 */
export class DemoMaterialConnector implements MaterialConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async expect(ctx: ConnectorContext, applicationRef: string) {
    const reference = applicationRef.toUpperCase();
    const row = await this.db
      .updateTable('demo_applications')
      .set({ awaiting_materials: true })
      .where('tenant_id', '=', ctx.tenantId)
      .where('reference', '=', reference)
      .returning(['required_materials', 'review_days'])
      .executeTakeFirst();
    if (!row) throw new SelfServiceFailure('application_not_found', '没有查到该申请编号');
    await this.db
      .insertInto('demo_service_requests')
      .values({ tenant_id: ctx.tenantId, reference: await nextReference(this.db, ctx.tenantId, 'CL', ctx.now), kind: 'materials_expected', subject: reference, detail: JSON.stringify({}), conversation_id: ctx.conversationId, customer_id: await conversationCustomerId(this.db, ctx) })
      .execute();
    return { requiredMaterials: row.required_materials, reviewDays: row.review_days };
  }

  async received(ctx: ConnectorContext, file: { attachmentId: string; filename: string }) {
    const expected = await this.db
      .selectFrom('demo_service_requests')
      .select('subject')
      .where('tenant_id', '=', ctx.tenantId)
      .where('conversation_id', '=', ctx.conversationId)
      .where('kind', '=', 'materials_expected')
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!expected) return null;
    await this.db
      .updateTable('demo_applications')
      .set({ stage: '材料已提交，待审核', detail: `已收到材料「${file.filename}」，工作人员将尽快审核`, awaiting_materials: false, required_materials: JSON.stringify([]) })
      .where('tenant_id', '=', ctx.tenantId)
      .where('reference', '=', expected.subject)
      .execute();
    return { applicationRef: expected.subject };
  }
}
