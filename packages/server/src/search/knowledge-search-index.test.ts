import { describe, expect, it } from 'vitest';
import { KnowledgeSearchIndex } from './knowledge-search-index.js';
import { searchSnippet } from './search-snippet.js';
import { searchTerms } from './search-terms.js';

const docs = [
  { type: 'faq' as const, id: 'ship', title: '多久发货？', alternates: ['什么时候发货', '下单后几天发出'], body: '现货商品48小时内发货，预售商品以页面时间为准。' },
  { type: 'faq' as const, id: 'invoice', title: '发票怎么开？', alternates: ['怎么开发票'], body: '下单时选择电子发票，订单完成后可在订单详情下载。' },
  { type: 'article' as const, id: 'return-guide', title: '退货退款指南', body: '收到商品七天内可申请无理由退货。退款会在仓库签收后三个工作日内原路退回。定制商品不支持无理由退货。' },
];

describe('knowledge search index', () => {
  const index = KnowledgeSearchIndex.build(docs);

  it('finds an FAQ by one of its paraphrases', () => {
    expect(index.search('下单以后几天能发出')[0]?.id).toBe('ship');
  });

  it('reads 繁體 and full-width queries as Simplified', () => {
    expect(index.search('發票怎麼開')[0]?.id).toBe('invoice');
    expect(index.search('ＯＫ 退貨退款')[0]?.id).toBe('return-guide');
  });

  it('shows the sentence of the body that answers the question', () => {
    const [hit] = index.search('退款多久到账');
    expect(hit).toMatchObject({ type: 'article', id: 'return-guide' });
    expect(hit!.snippet).toBe('退款会在仓库签收后三个工作日内原路退回。');
  });

  it('returns nothing for a question the knowledge does not cover', () => {
    expect(index.search('量子力学的基本假设有哪些')).toEqual([]);
    expect(index.search('   ')).toEqual([]);
  });

  it('indexes the end of a body longer than one normalisation piece', () => {
    const long = KnowledgeSearchIndex.build([{ type: 'article', id: 'long', title: '长文', body: '无关的填充句子。'.repeat(800) + '保修卡遗失可凭发票保修。' }]);
    expect(long.search('保修卡丢了')[0]?.id).toBe('long');
  });
});

describe('search terms and snippets', () => {
  it('uses jieba words and character bigrams', () => {
    expect(searchTerms('退貨流程')).toEqual(expect.arrayContaining(['退货', '流程', '#退货', '#货流', '#流程']));
  });

  it('falls back to the opening sentence and cuts long snippets', () => {
    expect(searchSnippet('第一句。第二句。', new Set(['#无关']))).toBe('第一句。');
    expect([...searchSnippet('很长'.repeat(200), new Set(), 20)]).toHaveLength(20);
  });
});
