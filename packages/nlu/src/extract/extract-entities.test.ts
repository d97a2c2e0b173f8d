import { describe, expect, it } from 'vitest';
import { extractEntities } from './extract-entities.js';
import { Gazetteer } from './gazetteer.js';

const now = new Date('2026-11-25T10:00:00+08:00');
const gazetteer = Gazetteer.fromGraph({
  nodes: [
    { id: 'iphone15', type: 'product', name: 'iPhone 15', aliases: ['苹果15'] },
    { id: 'phones', type: 'category', name: '手机' },
  ],
  edges: [{ from: 'iphone15', to: 'phones', rel: 'in_category' }],
});

function brief(text: string, options = {}) {
  return extractEntities(text, { now, gazetteer, ...options }).map((e) => [e.type, e.value, e.text]);
}

describe('an order question', () => {
  it('finds the order number and the deadline', () => {
    const found = extractEntities('订单DD20241125000123明天下午三点前能到吗', { now });
    expect(found.map((e) => [e.type, e.text, e.start, e.end])).toEqual([
      ['order_number', 'DD20241125000123', 2, 18],
      ['datetime', '明天下午三点', 18, 24],
    ]);
    expect(found[1]?.normalized).toEqual({ start: '2026-11-26T15:00:00+08:00', grain: 'hour' });
  });

  it('treats 11 digits after 订单号 as the order, not a phone number', () => {
    expect(brief('订单号13812345678')).toEqual([['order_number', '13812345678', '13812345678']]);
  });

  it('treats 11 digits without context as a phone number', () => {
    expect(brief('打我电话13812345678')).toEqual([['mobile', '13812345678', '13812345678']]);
  });

  it('accepts a one-letter prefix, as the dialogue validators do', () => {
    expect(brief('订单E202611250001')).toEqual([['order_number', 'E202611250001', 'E202611250001']]);
  });

  it('accepts a tenant-specific order pattern', () => {
    expect(brief('单号 ZD-88-1234', { orderNumberPattern: /ZD-\d{2}-\d{4}/ })).toEqual([['order_number', 'ZD-88-1234', 'ZD-88-1234']]);
  });
});

describe('identifiers', () => {
  it('reads GD and 12 digits as a ticket number, not an order', () => {
    expect(brief('工单号gd202612060007的进度')).toEqual([['ticket_number', 'GD202612060007', 'gd202612060007']]);
    expect(brief('订单GD202612060007')).toEqual([['ticket_number', 'GD202612060007', 'GD202612060007']]);
    // One digit more or less is not our ticket shape.
    expect(brief('GD2026120600071进度')).toEqual([['order_number', 'GD2026120600071', 'GD2026120600071']]);
  });

  it('finds tracking numbers by carrier prefix', () => {
    const [e] = extractEntities('顺丰SF1234567890123到哪了', { now });
    expect(e).toMatchObject({ type: 'tracking_number', value: 'SF1234567890123', normalized: { carrier: 'sf' } });
  });

  it('finds digits introduced as a waybill number as tracking, not order', () => {
    expect(brief('快递单号：773012345678901')).toEqual([['tracking_number', '773012345678901', '773012345678901']]);
  });

  it('reports an ID card once, not also the bank card hiding in it', () => {
    expect(brief('440304199003071256').map(([type]) => type)).toEqual(['id_card']);
  });

  it('finds a licence plate', () => {
    expect(brief('车牌粤B·D12345停车费不对')).toEqual([['licence_plate', '粤BD12345', '粤B·D12345']]);
  });

  it('drops an ID with a bad check digit instead of calling it an ID', () => {
    expect(brief('身份证110105194912310021').some(([type]) => type === 'id_card')).toBe(false);
  });
});

describe('amounts and names', () => {
  it('finds a product from the knowledge graph and the price', () => {
    expect(brief('苹果15花了¥5,999，想退')).toEqual([
      ['product', 'iphone15', '苹果15'],
      ['money', '5999', '¥5,999'],
    ]);
  });

  it('finds quantities and percentages', () => {
    expect(brief('买了3件退2件，退款百分之五十')).toEqual([
      ['quantity', '3', '3件'],
      ['quantity', '2', '2件'],
      ['percent', '50', '百分之五十'],
    ]);
  });

  it('keeps 三个月 a duration rather than a quantity', () => {
    expect(brief('三个月后还能保修吗').map(([type]) => type)).toEqual(['datetime']);
  });

  it('reads Traditional characters and full-width digits', () => {
    const [e] = extractEntities('明天下午３點', { now });
    expect(e).toMatchObject({ type: 'datetime', text: '明天下午３點', value: '2026-11-26T15:00:00+08:00' });
  });
});
