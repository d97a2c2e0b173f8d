import { describe, expect, it } from 'vitest';
import { Gazetteer } from './gazetteer.js';
import type { KnowledgeGraph } from './knowledge-graph.js';

const graph: KnowledgeGraph = {
  nodes: [
    { id: 'iphone15', type: 'product', name: 'iPhone 15', aliases: ['苹果15', 'iphone15'] },
    { id: 'iphone15pro', type: 'product', name: 'iPhone 15 Pro', aliases: ['苹果15pro'] },
    { id: 'airfryer', type: 'product', name: '空气炸锅' },
    { id: 'phones', type: 'category', name: '手机' },
    { id: 'appliances', type: 'category', name: '小家电' },
    { id: 'policy_7day', type: 'return_policy', name: '七天无理由退货' },
    { id: 'policy_15day', type: 'return_policy', name: '15天退换' },
    { id: 'pro_store', type: 'store', name: 'Pro' },
    { id: 'mi_a', type: 'product', name: '小米' },
    { id: 'mi_b', type: 'brand', name: '小米' },
  ],
  edges: [
    { from: 'iphone15', to: 'phones', rel: 'in_category' },
    { from: 'iphone15pro', to: 'phones', rel: 'in_category' },
    { from: 'airfryer', to: 'appliances', rel: 'in_category' },
    { from: 'phones', to: 'policy_7day', rel: 'return_policy' },
    { from: 'appliances', to: 'policy_7day', rel: 'return_policy' },
    { from: 'airfryer', to: 'policy_15day', rel: 'return_policy' },
    { from: 'iphone15', to: 'ghost', rel: 'in_category' },
  ],
};
const gazetteer = Gazetteer.fromGraph(graph);

describe('finding names', () => {
  it('prefers the longest name: iPhone 15 Pro, not iPhone 15', () => {
    expect(gazetteer.find('我买的iPhone 15 Pro能退吗')).toEqual([
      { type: 'product', value: 'iphone15pro', text: 'iPhone 15 Pro', start: 3, end: 16, normalized: { name: 'iPhone 15 Pro' }, confidence: 0.95 },
    ]);
  });

  it('matches aliases, case and full width without caring', () => {
    const found = gazetteer.find('ＩＰＨＯＮＥ15和苹果15PRO');
    expect(found.map((e) => [e.value, e.text])).toEqual([
      ['iphone15', 'ＩＰＨＯＮＥ15'],
      ['iphone15pro', '苹果15PRO'],
    ]);
  });

  it('ignores spaces on either side: iPhone15 finds iPhone 15, 空气 炸锅 finds 空气炸锅', () => {
    expect(gazetteer.find('iPhone15坏了')[0]).toMatchObject({ value: 'iphone15', text: 'iPhone15', start: 0, end: 8 });
    expect(gazetteer.find('这个空气 炸锅')[0]).toMatchObject({ value: 'airfryer', text: '空气 炸锅', start: 2, end: 7 });
  });

  it('finds several names in one message', () => {
    expect(gazetteer.find('空气炸锅和手机').map((e) => e.type)).toEqual(['product', 'category']);
  });

  it('does not find a Latin name inside a longer word', () => {
    expect(gazetteer.find('this product is fine')).toEqual([]);
    expect(gazetteer.find('buy pro max')[0]?.value).toBe('pro_store');
    expect(gazetteer.find('去Pro店')[0]?.value).toBe('pro_store');
  });

  it('marks a name shared by two nodes as ambiguous', () => {
    const [e] = gazetteer.find('小米的售后');
    expect(e?.confidence).toBeLessThan(0.9);
    expect(e?.normalized).toEqual({ name: '小米', candidates: ['mi_a', 'mi_b'] });
  });
});

describe('following relations', () => {
  it('goes from a product to its category', () => {
    expect(gazetteer.related('iphone15', 'in_category').map((n) => n.id)).toEqual(['phones']);
  });

  it('ignores edges to nodes that do not exist', () => {
    expect(gazetteer.related('iphone15', 'in_category')).toHaveLength(1);
  });

  it('follows a chain: product → category → return policy', () => {
    expect(gazetteer.follow('iphone15', ['in_category', 'return_policy']).map((n) => n.id)).toEqual(['policy_7day']);
  });

  it('lets a product policy override the category policy', () => {
    expect(gazetteer.inherited('airfryer', 'return_policy', 'in_category').map((n) => n.id)).toEqual(['policy_15day']);
    expect(gazetteer.inherited('iphone15', 'return_policy', 'in_category').map((n) => n.id)).toEqual(['policy_7day']);
  });

  it('lists the nodes pointing at a node', () => {
    expect(gazetteer.relatedFrom('phones', 'in_category').map((n) => n.id)).toEqual(['iphone15', 'iphone15pro']);
  });

  it('returns nothing for unknown ids and relations', () => {
    expect(gazetteer.related('nope', 'in_category')).toEqual([]);
    expect(gazetteer.inherited('iphone15', 'warranty', 'in_category')).toEqual([]);
    expect(gazetteer.node('nope')).toBeUndefined();
  });
});
