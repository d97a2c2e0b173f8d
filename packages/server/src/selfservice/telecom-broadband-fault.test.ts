import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import { testBackends } from '../test-support/test-backends.js';
import { demoTryThis, seedDemoEnterprise } from './demo/seed-demo-enterprise.js';
import { FIXED_NOW, SelfServiceFixture } from './test-support/selfservice-fixture.js';

const telecom = demoTryThis.telecom;
// Only the second operator has a line here.
const OTHER_TENANT_ADDRESS = '北京市朝阳区望京街10号2幢1501室';

describe.each(await testBackends())('broadband repair by account or installation address on %s', (backend) => {
  let f: SelfServiceFixture;
  let otherTenantId: string;
  beforeAll(async () => {
    f = await SelfServiceFixture.start(backend);
    const other = await new TenantRepository(f.handle.db).create({ id: randomUUID(), slug: `ss-telecom-b-${randomUUID().slice(0, 6)}`, name: 'second operator', industry: 'telecom' });
    await seedDemoEnterprise(f.handle.db, other.id, 'telecom', FIXED_NOW);
    await f.system(() => f.db.updateTable('demo_subscribers').set({ broadband_address: OTHER_TENANT_ADDRESS }).where('tenant_id', '=', other.id).where('broadband_account', '=', telecom.broadband).execute());
    otherTenantId = other.id;
  });
  afterAll(async () => {
    await f?.close();
  });

  const fault = async (account: string, tenantId?: string) => {
    const ctx = await f.conversation('telecom', FIXED_NOW, tenantId);
    const outcome = await f.run(ctx, 'faults.create', { account, symptom: 'no_connection' });
    if (!outcome.ok) return outcome.error;
    const request = await f.system(() =>
      f.db
        .selectFrom('demo_service_requests')
        .select(['subject', 'detail', 'tenant_id'])
        .where('reference', '=', String(outcome.data.ticketNumber))
        .where('tenant_id', '=', ctx.tenantId)
        .executeTakeFirstOrThrow(),
    );
    return { ticketNumber: outcome.data.ticketNumber, subject: request.subject, detail: request.detail as unknown };
  };

  it('files a repair by broadband account, however it is typed', async () => {
    expect(await fault(telecom.broadband)).toMatchObject({ ticketNumber: expect.stringMatching(/^GZ20261125\d{4}$/), subject: telecom.broadband, detail: { symptom: 'no_connection' } });
    expect(await fault(' ｋｄ０５７１００１２３４ ')).toMatchObject({ subject: telecom.broadband });
  });

  it('files a repair by the exact installation address, against that line', async () => {
    expect(await fault(telecom.broadbandAddress)).toMatchObject({ subject: telecom.broadband, detail: { symptom: 'no_connection', address: telecom.broadbandAddress } });
    expect(await fault('上海市闵行区七莘路 88 弄 3 号 1202 室。')).toMatchObject({ subject: 'KD0571005678' });
  });

  it('files a repair by a partial address that fits one line only', async () => {
    expect(await fault('张江路８８弄３号１２０２室')).toMatchObject({ subject: telecom.broadband });
    expect(await fault('七莘路88弄3号楼1202')).toMatchObject({ subject: 'KD0571005678' });
  });

  it('asks again rather than guess on an ambiguous, vague or unknown address', async () => {
    expect(await fault('88弄3号1202室')).toEqual({ code: 'account_not_found', message: '该地址对应多条宽带，请提供宽带账号，或补充区、路名等完整安装地址' });
    expect(await fault('张江路88弄')).toEqual({ code: 'account_not_found', message: '地址不够具体，请提供宽带账号，或包含路名、楼号和室号的完整安装地址' });
    expect(await fault('上海市浦东新区张江路88弄3号1203室')).toEqual({ code: 'account_not_found', message: '没有查到该安装地址的宽带，请核对地址或提供宽带账号' });
    expect(await fault('KD0000000000')).toEqual({ code: 'account_not_found', message: '没有查到该宽带账号，请核对后重试' });
    const filed = await f.system(() => f.db.selectFrom('demo_service_requests').select('reference').where('tenant_id', '=', f.tenants.telecom.id).where('kind', '=', 'broadband_fault').execute());
    expect(filed).toHaveLength(6);
  });

  it('finds only the tenant’s own lines', async () => {
    expect(await fault(OTHER_TENANT_ADDRESS)).toMatchObject({ code: 'account_not_found' });
    expect(await fault(OTHER_TENANT_ADDRESS, otherTenantId)).toMatchObject({ subject: telecom.broadband });
    // The other operator's copy of 张江路 no longer exists, and this tenant's copy is not theirs to find.
    expect(await fault(telecom.broadbandAddress, otherTenantId)).toMatchObject({ code: 'account_not_found' });
  });

  it('gives operators seeded before migration 0006 their addresses on the next seed', async () => {
    await f.system(() => f.db.updateTable('demo_subscribers').set({ broadband_address: null }).where('tenant_id', '=', f.tenants.telecom.id).execute());
    await seedDemoEnterprise(f.handle.db, f.tenants.telecom.id, 'telecom', FIXED_NOW);
    const rows = await f.system(() => f.db.selectFrom('demo_subscribers').select(['broadband_account', 'broadband_address']).where('tenant_id', '=', f.tenants.telecom.id).orderBy('mobile').execute());
    expect(rows).toEqual([
      { broadband_account: 'KD0571005678', broadband_address: '上海市闵行区七莘路 88 弄 3 号 1202 室' },
      { broadband_account: telecom.broadband, broadband_address: telecom.broadbandAddress },
      { broadband_account: null, broadband_address: null },
    ]);
  });
});
