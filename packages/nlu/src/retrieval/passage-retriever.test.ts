import { describe, expect, it } from 'vitest';
import { PassageRetriever } from './passage-retriever.js';

const passages = [
  { id: 'fee', headingPath: ['第三章 配送与运费', '3.2 运费'], text: '订单实付金额：满99元，标准快递运费：免运费。订单实付金额：不满99元，标准快递运费：8元。新疆、西藏、青海等偏远地区不参与包邮，按实际运费收取。' },
  { id: 'return-fee', headingPath: ['第四章 退货', '4.5 退货运费'], text: '退货原因：质量问题、发错货、少发漏发，运费承担：商家承担。退货原因：七天无理由退货，运费承担：买家承担寄回运费。' },
  { id: 'warranty', headingPath: ['第七章 保修与维修', '7.1 保修期'], text: '商品类别：手机、平板电脑，整机保修：1年。商品类别：电视，整机保修：3年。保修期自签收日起计算。' },
  { id: 'invoice', headingPath: ['第九章 发票', '9.3 换开发票'], text: '电子普通发票抬头或税号填写错误的，可在订单详情中自助换开一次。跨年度的发票不能换开，只能办理红冲后重新开具。' },
];

describe('passage retrieval', () => {
  const r = PassageRetriever.build(passages);

  it('finds the passage by its heading path as well as its text', () => {
    expect(r.search('退货的运费谁出').hits[0]!.id).toBe('return-fee');
    expect(r.search('寄到新疆包邮吗').hits[0]!.id).toBe('fee');
    expect(r.search('电视保修几年').hits[0]!.id).toBe('warranty');
  });

  it('gives the best hit a confidence in 0–1 and ranks the rest below it', () => {
    const { hits, evidence } = r.search('发票抬头写错了能换开吗');
    expect(hits[0]!.id).toBe('invoice');
    expect(hits[0]!.confidence).toBeGreaterThan(0);
    expect(hits[0]!.confidence).toBeLessThanOrEqual(1);
    for (const h of hits.slice(1)) expect(h.confidence).toBeLessThan(hits[0]!.confidence);
    expect(evidence!.coverage).toBeGreaterThan(0.5);
  });

  it('offers the best passage of each of the two best sections when it declines a question it nearly answers', () => {
    const split = [...passages, { id: 'return-fee-2', headingPath: ['第四章 退货', '4.5 退货运费'], text: '退货运费由买家先行垫付的，商家确认收货后补偿运费。' }];
    const unsure = PassageRetriever.build(split, { minConfidence: 0.99, choiceFloor: 0 });
    const res = unsure.search('退货的运费谁出');
    expect(res.noAnswer).toBe(true);
    expect(res.choices.map((c) => c.id)).toEqual([res.hits[0]!.id, res.hits.find((h) => !h.id.startsWith('return-fee'))!.id]);
    expect(res.choices[0]!.id).toMatch(/^return-fee/);
    // Below the floor it is a plain decline; above the answer threshold an answer, neither with a choice.
    expect(PassageRetriever.build(split, { minConfidence: 0.99, choiceFloor: 0.98 }).search('退货的运费谁出').choices).toEqual([]);
    expect(PassageRetriever.build(split, { minConfidence: 0, choiceFloor: 0 }).search('退货的运费谁出').choices).toEqual([]);
  });

  it('declines a question no passage shares words with', () => {
    const res = r.search('你们招聘客服吗');
    expect(res.noAnswer).toBe(true);
  });

  it('trims the passage to the sentence that answers', () => {
    expect(r.excerpt('invoice', '跨年的发票还能换开吗')).toBe('跨年度的发票不能换开，只能办理红冲后重新开具。');
    expect(r.excerpt('missing', '发票')).toBe('');
  });

  it('trims to the sentence stating the asked-for duration or amount, not the one that only shares the topic words', () => {
    const stock = PassageRetriever.build([
      { id: 'stock', headingPath: ['第五章 换货', '5.4 缺货处理'], text: '申请换货的规格暂时缺货时，可以选择等待补货、换成其他有货的规格，或者改为退货退款。选择等待的，最长等待15天，逾期未到货的自动转为退款。' },
      ...passages,
    ]);
    expect(stock.excerpt('stock', '换货的尺码一直缺货，最多等多久')).toContain('最长等待15天');
    // A yes/no question is trimmed by its words alone: nearly every rule sentence states some 可以/不能.
    expect(r.excerpt('invoice', '跨年的发票还能换开吗')).toBe('跨年度的发票不能换开，只能办理红冲后重新开具。');
  });

  it('indexes a passage longer than one normalised message', () => {
    const long = PassageRetriever.build([{ id: 'long', headingPath: [], text: '说明。'.repeat(800) + '最后提到延保服务。' }, ...passages]);
    expect(long.search('延保服务').hits[0]!.id).toBe('long');
  });

  it('looks a question up with its domain synonyms, so customers\' words find the document\'s section', () => {
    const docs = [
      { id: 'property', headingPath: ['第八章 住房', '8.3 不动产登记'], text: '转移登记材料齐全的，5个工作日内办结，当场缴纳契税。' },
      { id: 'queue', headingPath: ['第二章 预约', '2.4 现场取号'], text: '现场取号截至下午四点半，办完手续当天可领取结果。' },
    ];
    const plain = PassageRetriever.build(docs);
    const withLexicon = PassageRetriever.build(docs, { synonyms: [['二手房过户', '不动产登记', '转移登记']] });
    expect(plain.search('二手房过户多久能办完').hits[0]!.id).toBe('queue');
    expect(withLexicon.search('二手房过户多久能办完').hits[0]!.id).toBe('property');
  });
});
