import { describe, expect, it } from 'vitest';
import { matchCustomerRecords, type CustomerRecord } from './customer-record-matches.js';
import { describeApplication, describeAppointment, describeOrder, describeReturn, describeServiceRequest } from './describe-customer-records.js';

const records: CustomerRecord[] = [
  { type: 'order', id: '20261118883301', title: '订单 20261118883301', text: '订单 华为 Mate 60 12GB+512GB ×1 已签收', snippet: '华为 Mate 60 · 已签收' },
  { type: 'order', id: '20261110883302', title: '订单 20261110883302', text: '订单 白鹅绒羽绒服 黑色 L ×1 已签收', snippet: '白鹅绒羽绒服 · 已签收' },
  { type: 'ticket', id: 'GD202611250001', title: '投诉工单 GD202611250001', text: '投诉工单 快递员态度恶劣', snippet: '快递员态度恶劣' },
];

describe('matching a query to one customer’s records', () => {
  it('returns only the named record when the query contains its number, even amid other words', () => {
    expect(matchCustomerRecords(records, '订单 20261118883301 到哪了', 5).map((h) => h.id)).toEqual(['20261118883301']);
    expect(matchCustomerRecords(records, 'gd202611250001', 5)).toMatchObject([{ type: 'ticket', id: 'GD202611250001', title: '投诉工单 GD202611250001' }]);
  });

  it('accepts a long enough part of a number but not a short one', () => {
    expect(matchCustomerRecords(records, '883302', 5).map((h) => h.id)).toEqual(['20261110883302']);
    expect(matchCustomerRecords(records, '2026', 5)).toEqual([]);
  });

  it('finds records by product or subject words in traditional characters too', () => {
    expect(matchCustomerRecords(records, '羽絨服', 5).map((h) => h.id)).toEqual(['20261110883302']);
    expect(matchCustomerRecords(records, '快递员的态度', 5).map((h) => h.id)).toEqual(['GD202611250001']);
  });

  it('finds nothing for a question none of the records is about', () => {
    expect(matchCustomerRecords(records, '怎么开发票', 5)).toEqual([]);
    expect(matchCustomerRecords([], '羽绒服', 5)).toEqual([]);
  });
});

describe('returns, appointments and applications among a customer’s records', () => {
  const mixed: CustomerRecord[] = [
    describeOrder({ order_no: '20261118883301', item_summary: '华为 Mate 60 12GB+512GB 雅川青 ×1', status: 'delivered' }),
    describeReturn({ reference: 'RMA202611250001', kind: 'return', status: 'shipped_back', method: 'dropoff', new_spec: null, item_summary: '华为 Mate 60 12GB+512GB 雅川青 ×1' }),
    describeReturn({ reference: 'HH202611250002', kind: 'exchange', status: 'submitted', method: 'pickup', new_spec: 'XL 码', item_summary: '跑步鞋 42 码 ×1' }),
    describeAppointment({ reference: 'YY202611250003', service_name: '居住证办理', day: '2026-12-02', start_time: '09:30', end_time: '10:30' }, '2026-11-25'),
    describeApplication({ reference: 'SQ2026112500004', service_name: '无犯罪记录证明', stage: '已受理', expected_date: '2026-11-30' }),
    describeServiceRequest({ reference: 'GD202611250005', kind: 'ticket:complaint', subject: '快递员态度恶劣', detail: {} }),
  ];
  const ids = (q: string) => matchCustomerRecords(mixed, q, 5).map((h) => h.id);

  it('finds a return, an appointment and an application by number or a 6-character part of it', () => {
    expect(matchCustomerRecords(mixed, 'RMA202611250001 退货到哪了', 5)).toEqual([
      { type: 'return', id: 'RMA202611250001', title: '退货 RMA202611250001', snippet: '华为 Mate 60 12GB+512GB 雅川青 ×1 · 已寄回，待验收', score: 100, coverage: 1 },
    ]);
    expect(ids('rma202611250001')).toEqual(['RMA202611250001']);
    expect(ids('250003')).toEqual(['YY202611250003']);
    expect(matchCustomerRecords(mixed, '查一下 SQ2026112500004', 5)).toMatchObject([{ type: 'application', title: '办事申请 SQ2026112500004', snippet: '无犯罪记录证明 · 已受理 · 预计 2026-11-30' }]);
  });

  it('answers everyday questions about returns with the return, not the order it came from', () => {
    expect(ids('我的退货进度')).toEqual(['RMA202611250001']);
    expect(ids('退货到哪了')).toEqual(['RMA202611250001']);
    expect(ids('換貨')).toEqual(['HH202611250002']);
    expect(matchCustomerRecords(mixed, '换货', 5)[0]).toMatchObject({ type: 'return', title: '换货 HH202611250002', snippet: '跑步鞋 42 码 ×1 换 XL 码 · 已提交，待上门取件' });
  });

  it('answers “which day is my appointment” with the appointment, its time and status', () => {
    for (const q of ['我预约的是哪天', '我的预约', '居住证预约']) expect(ids(q), q).toEqual(['YY202611250003']);
    expect(matchCustomerRecords(mixed, '我的预约', 5)[0]).toMatchObject({ type: 'appointment', title: '预约 YY202611250003', snippet: '居住证办理 · 2026-12-02 09:30–10:30 · 已预约' });
  });

  it('finds an application by what was applied for', () => {
    expect(ids('无犯罪记录证明办到哪了')).toEqual(['SQ2026112500004']);
  });
});

describe('bank and telecom requests among a customer’s records', () => {
  const plans = new Map([['P59', '畅享 59 元套餐'], ['P99', '5G 畅享 99 元套餐']]);
  const requests: CustomerRecord[] = [
    describeServiceRequest({ reference: 'GS202611250001', kind: 'card_loss', subject: '4321', detail: { customerId: 'C10001' } }),
    describeServiceRequest({ reference: 'BG202611250002', kind: 'plan_change', subject: '13800001111', detail: { from: 'P59', to: 'P99', effectiveDate: '2026-12-01' } }, plans),
    describeServiceRequest({ reference: 'GZ202611250003', kind: 'broadband_fault', subject: 'KD0571001234', detail: { symptom: '无法上网' } }),
    describeServiceRequest({ reference: 'FP202611250004', kind: 'invoice', subject: '20261118883301', detail: { taxId: '91330100MA27XXXX1X', email: 'a@example.com' } }),
  ];
  const found = (q: string) => matchCustomerRecords(requests, q, 5);

  it('says what each request is about, by name and never with tax ids or e-mails', () => {
    expect(found('我的挂失')).toMatchObject([{ type: 'ticket', id: 'GS202611250001', title: '银行卡挂失 GS202611250001', snippet: '尾号 4321 的银行卡已挂失' }]);
    expect(found('套餐变更办好了吗')).toMatchObject([{ id: 'BG202611250002', snippet: '13800001111 套餐 畅享 59 元套餐 → 5G 畅享 99 元套餐 · 2026-12-01 生效' }]);
    expect(found('宽带报修进度')).toMatchObject([{ id: 'GZ202611250003', snippet: '宽带 KD0571001234 · 无法上网' }]);
    expect(found('FP202611250004')[0]!.snippet).toBe('订单 20261118883301 开发票');
    expect(JSON.stringify(requests)).not.toMatch(/91330100|example\.com|C10001/);
  });
});

describe('describing records', () => {
  it('tells a past appointment from one still ahead, and one for today', () => {
    const at = (today: string) => describeAppointment({ reference: 'YY1', service_name: '社保卡补办', day: '2026-11-27', start_time: '09:00', end_time: '10:00' }, today).snippet;
    expect(at('2026-11-25')).toBe('社保卡补办 · 2026-11-27 09:00–10:00 · 已预约');
    expect(at('2026-11-27')).toBe('社保卡补办 · 2026-11-27 09:00–10:00 · 已预约 今天办理');
    expect(at('2026-11-28')).toBe('社保卡补办 · 2026-11-27 09:00–10:00 · 已过预约日期');
  });

  it('says what a just-filed return waits for, by how the parcel goes back', () => {
    const status = (method: string | null) => describeReturn({ reference: 'RMA1', kind: 'return', status: 'submitted', method, new_spec: null, item_summary: '面霜' }).snippet;
    expect(status('dropoff')).toBe('面霜 · 已提交，待寄回');
    expect(status('pickup')).toBe('面霜 · 已提交，待上门取件');
    expect(describeReturn({ reference: 'RMA1', kind: 'return', status: 'on_hold', method: null, new_spec: null, item_summary: '面霜' }).snippet).toBe('面霜 · on_hold');
  });

  it('leaves the expected date off a finished application', () => {
    expect(describeApplication({ reference: 'SQ1', service_name: '营业执照办理', stage: '已办结', expected_date: '2026-11-17' }).snippet).toBe('营业执照办理 · 已办结');
  });
});
