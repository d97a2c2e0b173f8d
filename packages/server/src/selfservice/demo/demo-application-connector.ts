import { addDays, chinaDay } from '../china-calendar.js';
import type { ApplicationConnector, ApplicationProgress } from '../connectors/application-connector.js';
import type { ConnectorContext } from '../connectors/connector-context.js';
import { nextReference } from '../reference-numbers.js';
import { SelfServiceFailure } from '../selfservice-failure.js';
import type { SelfServiceDb } from '../self-service-db.js';

const CERTIFICATES: Record<string, { name: string; days: number; materials: string[] }> = {
  no_criminal_record: { name: '无犯罪记录证明', days: 5, materials: ['身份证正反面'] },
  residence: { name: '居住证明', days: 3, materials: ['身份证正反面', '租房合同或房产证'] },
  household: { name: '户籍证明', days: 2, materials: ['身份证正反面', '户口簿本人页'] },
};

/** Applications of the demo government service centre. */
export class DemoApplicationConnector implements ApplicationConnector {
  constructor(private readonly db: SelfServiceDb) {}

  async getProgress(ctx: ConnectorContext, applicationRef: string): Promise<ApplicationProgress | null> {
    const row = await this.db.selectFrom('demo_applications').selectAll().where('tenant_id', '=', ctx.tenantId).where('reference', '=', applicationRef.toUpperCase()).executeTakeFirst();
    if (!row) return null;
    return { applicationRef: row.reference, serviceName: row.service_name, stage: row.stage, detail: row.detail, expectedDate: row.expected_date };
  }

  async requestCertificate(ctx: ConnectorContext, type: string, idCard: string) {
    const certificate = CERTIFICATES[type];
    if (!certificate) throw new SelfServiceFailure('unknown_certificate', '暂不支持在线申请该证明');
    const applicationRef = await nextReference(this.db, ctx.tenantId, 'SQ', ctx.now);
    await this.db
      .insertInto('demo_applications')
      .values({
        tenant_id: ctx.tenantId,
        reference: applicationRef,
        service_name: certificate.name,
        applicant: `${idCard.slice(0, 6)}********${idCard.slice(-4)}`,
        stage: '已受理',
        detail: '申请已提交，等待材料上传与审核',
        expected_date: addDays(chinaDay(ctx.now), certificate.days),
        required_materials: JSON.stringify(certificate.materials),
        awaiting_materials: true,
        review_days: certificate.days,
      })
      .execute();
    return { applicationRef, expectedDays: certificate.days };
  }
}
