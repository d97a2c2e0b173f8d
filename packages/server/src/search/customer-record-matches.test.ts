import { describe, expect, it } from 'vitest';
import { matchCustomerRecords, type CustomerRecord } from './customer-record-matches.js';

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
