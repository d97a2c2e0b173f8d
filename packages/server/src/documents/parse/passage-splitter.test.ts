import { describe, expect, it } from 'vitest';
import type { DocumentBlock } from './document-block.js';
import { DEFAULT_SPLIT, sentencesOf, splitPassages } from './passage-splitter.js';

const OPTIONS = { ...DEFAULT_SPLIT, anchors: 'heading' as const };
const sentence = (i: number) => `第${i}条规定：顾客在签收商品后七天内可以申请无理由退货，商品须保持完好，不影响二次销售，赠品须一并退回。`;

describe('passage splitter', () => {
  it('cuts an over-long paragraph only between sentences, into passages of at most maxChars', () => {
    const paragraph = Array.from({ length: 20 }, (_, i) => sentence(i + 1)).join('');
    const passages = splitPassages([{ kind: 'heading', level: 1, text: '第二章 退换货' }, { kind: 'paragraph', text: paragraph }], OPTIONS);
    expect(passages.length).toBeGreaterThanOrEqual(Math.ceil(paragraph.length / OPTIONS.maxChars));
    for (const p of passages) {
      expect(p.text.length).toBeLessThanOrEqual(OPTIONS.maxChars * 1.25);
      expect(p.text.endsWith('。')).toBe(true);
      expect(p.headingPath).toEqual(['第二章 退换货']);
    }
    expect(passages.map((p) => p.text).join('')).toBe(paragraph);
  });

  it('groups short paragraphs to at least minChars, and never across a heading', () => {
    const blocks: DocumentBlock[] = [
      { kind: 'heading', level: 1, text: '第一章 总则' },
      ...Array.from({ length: 6 }, (_, i) => ({ kind: 'paragraph' as const, text: `第${i}段，说明服务时间与范围。` })),
      { kind: 'heading', level: 2, text: '1.1 服务时间' },
      { kind: 'paragraph', text: '每天九点至二十一点。' },
    ];
    const passages = splitPassages(blocks, OPTIONS);
    expect(passages.map((p) => p.headingPath)).toEqual([['第一章 总则'], ['第一章 总则', '1.1 服务时间']]);
    expect(passages[0]!.text.split('\n')).toHaveLength(6);
    expect(passages[1]).toMatchObject({ text: '每天九点至二十一点。', anchor: '1-1-服务时间' });
  });

  it('pops the heading path back when a heading of the same or a higher level comes', () => {
    const passages = splitPassages(
      [
        { kind: 'heading', level: 1, text: '第三章 退换货' },
        { kind: 'heading', level: 2, text: '3.1 条件' },
        { kind: 'paragraph', text: '七天无理由。' },
        { kind: 'heading', level: 2, text: '3.2 运费' },
        { kind: 'paragraph', text: '卖家承担。' },
        { kind: 'heading', level: 1, text: '第四章 发票' },
        { kind: 'paragraph', text: '电子发票。' },
      ],
      OPTIONS,
    );
    expect(passages.map((p) => p.headingPath.join(' › '))).toEqual(['第三章 退换货 › 3.1 条件', '第三章 退换货 › 3.2 运费', '第四章 发票']);
  });

  it('keeps table rows whole, splitting a long table between rows', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `商品：型号${i}号空调，保修期：整机三年，压缩机十年`);
    const passages = splitPassages([{ kind: 'heading', level: 1, text: '保修期表' }, { kind: 'table', rows }], OPTIONS);
    expect(passages.length).toBeGreaterThan(1);
    expect(passages.flatMap((p) => p.text.split('\n'))).toEqual(rows);
  });

  it('anchors PDF passages by the page they start on, and gives repeated headings distinct slugs', () => {
    const pdf = splitPassages([{ kind: 'heading', level: 1, text: '第一章', page: 1 }, { kind: 'paragraph', text: '正文。', page: 4 }], { ...DEFAULT_SPLIT, anchors: 'page' });
    expect(pdf[0]!.anchor).toBe('page=4');
    const twice = splitPassages(
      [
        { kind: 'heading', level: 1, text: '说明' },
        { kind: 'paragraph', text: '一。' },
        { kind: 'heading', level: 1, text: '说明' },
        { kind: 'paragraph', text: '二。' },
      ],
      OPTIONS,
    );
    expect(twice.map((p) => p.anchor)).toEqual(['说明', '说明-2']);
  });

  it('splits sentences after their closing punctuation and quotes', () => {
    expect(sentencesOf('他说：“可以退。”然后离开了！真的吗？')).toEqual(['他说：“可以退。”', '然后离开了！', '真的吗？']);
  });
});
