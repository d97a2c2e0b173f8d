import { randomUUID } from 'node:crypto';
import { demoTryThis } from '@zhida/demo-enterprise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TenantRepository } from '../tenancy/tenant-repository.js';
import { testBackends } from '../test-support/test-backends.js';
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
    // The second operator's books in the enterprise: its copy of the 张江路 line is installed elsewhere.
    const line = Object.values(f.books({ tenantId: other.id }).subscribers).find((s) => s.broadbandAccount === telecom.broadband);
    line!.broadbandAddress = OTHER_TENANT_ADDRESS;
    otherTenantId = other.id;
  });
  afterAll(async () => {
    await f?.close();
  });

  const fault = async (account: string, tenantId?: string) => {
    const ctx = await f.conversation('telecom', FIXED_NOW, tenantId);
    const outcome = await f.run(ctx, 'faults.create', { account, symptom: 'no_connection' });
    if (!outcome.ok) return outcome.error;
    // The repair as the enterprise filed it, in the conversation tenant's books.
    const request = f.books(ctx).serviceRequests.find((r) => r.reference === outcome.data.ticketNumber);
    if (!request) throw new Error(`no repair ${String(outcome.data.ticketNumber)} in the enterprise`);
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
    expect(f.books('telecom').serviceRequests.filter((r) => r.kind === 'broadband_fault')).toHaveLength(6);
  });

  it('finds only the tenant’s own lines', async () => {
    expect(await fault(OTHER_TENANT_ADDRESS)).toMatchObject({ code: 'account_not_found' });
    expect(await fault(OTHER_TENANT_ADDRESS, otherTenantId)).toMatchObject({ subject: telecom.broadband });
    // The other operator's copy of 张江路 no longer exists, and this tenant's copy is not theirs to find.
    expect(await fault(telecom.broadbandAddress, otherTenantId)).toMatchObject({ code: 'account_not_found' });
  });
});
