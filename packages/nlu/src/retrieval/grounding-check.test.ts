import { describe, expect, it } from 'vitest';
import { checkGrounding, numbersIn } from './grounding-check.js';

const passages = [
  '因质量问题、发错货、少发漏发导致的退货，运费由商家承担，可以预约免费上门取件。七天无理由退货的寄回运费由买家承担。',
  '生鲜水果、鲜花、活体不支持七天无理由退货，但出现质量问题时仍按4.3节办理退换货。',
  '仓库验收通过后，24小时内发起退款；储蓄卡1–3个工作日到账。',
];

describe('grounding check of a generated answer', () => {
  it('accepts a faithful rephrasing with the citation line', () => {
    const v = checkGrounding('质量问题导致的退货，运费由商家承担，还可以预约免费上门取件。\n来源：《售后服务手册》4.5 退货运费', passages);
    expect(v.grounded).toBe(true);
    expect(v.sentences).toHaveLength(1);
  });

  it('rejects a sentence whose number is not in the passages', () => {
    const v = checkGrounding('仓库验收通过后，48小时内发起退款。', passages);
    expect(v.grounded).toBe(false);
    expect(v.sentences[0]!.reason).toBe('number_not_in_sources');
  });

  it('reads Chinese numerals before a measure word as numbers', () => {
    expect(numbersIn('十五个工作日内，七天无理由，一般一次性')).toEqual(['15', '7']);
    expect(checkGrounding('生鲜水果不支持十天无理由退货。', passages).sentences[0]!.reason).toBe('number_not_in_sources');
  });

  it('rejects a negation the passage does not make', () => {
    const v = checkGrounding('七天无理由退货的寄回运费不由买家承担。', passages);
    expect(v.grounded).toBe(false);
    expect(v.sentences[0]!.reason).toBe('negation_mismatch');
  });

  it('rejects a dropped negation', () => {
    const v = checkGrounding('生鲜水果、鲜花支持七天无理由退货。', passages);
    expect(v.grounded).toBe(false);
    expect(v.sentences[0]!.reason).toBe('negation_mismatch');
  });

  it('rejects a negation dropped past a modal verb ("不能兑换" said as "可以兑换")', () => {
    const v = checkGrounding('电子礼品卡可以兑换现金。', ['电子礼品卡有效期为3年，不能兑换现金，余额可以分次使用。']);
    expect(v.sentences[0]!.reason).toBe('negation_mismatch');
    expect(checkGrounding('电子礼品卡不能兑换现金。', ['电子礼品卡有效期为3年，不能兑换现金，余额可以分次使用。']).grounded).toBe(true);
  });

  it('rejects a made-up sentence with little in common with the passages', () => {
    const v = checkGrounding('运费由商家承担。另外，购买会员可以享受终身免费维修服务。', passages);
    expect(v.grounded).toBe(false);
    expect(v.sentences.map((s) => s.supported)).toEqual([true, false]);
    expect(v.sentences[1]!.reason).toBe('low_overlap');
  });

  it('does not call an answer with nothing to check grounded', () => {
    expect(checkGrounding('来源：《售后服务手册》', passages).grounded).toBe(false);
  });
});
