import type { ConnectorContext } from '../connectors/connector-context.js';
import type { MaterialConnector } from '../connectors/material-connector.js';
import { SelfServiceFailure } from '../selfservice-failure.js';
import type { SelfServiceDb } from '../self-service-db.js';

/** Marks a demo application as awaiting materials; the files arrive through the attachment route. */
export class DemoMaterialConnector implements MaterialConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async expect(ctx: ConnectorContext, applicationRef: string) {
    const row = await this.db
      .updateTable('demo_applications')
      .set({ awaiting_materials: true })
      .where('tenant_id', '=', ctx.tenantId)
      .where('reference', '=', applicationRef.toUpperCase())
      .returning(['required_materials', 'review_days'])
      .executeTakeFirst();
    if (!row) throw new SelfServiceFailure('application_not_found', '没有查到该申请编号');
    return { requiredMaterials: row.required_materials, reviewDays: row.review_days };
  }
}
