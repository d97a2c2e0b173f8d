import { loadTemplate } from '@zhida/templates';
import { describe, expect, it } from 'vitest';
import { allTemplateGraphSynonyms, knowledgeGraphSynonyms } from './knowledge-graph-synonyms.js';

describe('knowledge-graph synonyms for passage retrieval', () => {
  const graph = {
    nodes: [
      { id: 'cherries', type: 'product' as const, name: '智利车厘子2kg', aliases: ['车厘子', '樱桃'] },
      { id: 'fresh', type: 'category' as const, name: '生鲜食品', aliases: ['生鲜'] },
      { id: 'refunds', type: 'policy' as const, name: '退款时效' },
      { id: 'sf', type: 'channel' as const, name: '顺丰速运', aliases: ['顺丰', 'SF'] },
    ],
    edges: [{ from: 'cherries', to: 'fresh', rel: 'belongs_to' }],
  };

  it('groups each node’s name with its aliases, leaving out nodes without one and single letters', () => {
    expect(knowledgeGraphSynonyms([graph])).toEqual([['智利车厘子2kg', '车厘子', '樱桃'], ['生鲜食品', '生鲜'], ['顺丰速运', '顺丰', 'SF']]);
  });

  it('adds a product’s categories only when asked', () => {
    expect(knowledgeGraphSynonyms([graph], { categories: true })[0]).toEqual(['智利车厘子2kg', '车厘子', '樱桃', '生鲜食品', '生鲜']);
  });

  it('reads every template’s graph once', async () => {
    const all = await allTemplateGraphSynonyms();
    expect(all).toBe(await allTemplateGraphSynonyms());
    const ecommerce = knowledgeGraphSynonyms([(await loadTemplate('ecommerce')).knowledgeGraph]);
    expect(all).toEqual(expect.arrayContaining(ecommerce));
    expect(all.some((g) => g.includes('车厘子') && g.includes('樱桃'))).toBe(true);
  });
});
