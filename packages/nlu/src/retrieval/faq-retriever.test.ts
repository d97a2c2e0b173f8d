import { describe, expect, it } from 'vitest';
import { customerServiceFixture } from '../test-support/customer-service-fixture.js';
import { FaqRetriever } from './faq-retriever.js';

describe('FAQ retrieval', () => {
  const retriever = FaqRetriever.build(customerServiceFixture.faqs, { synonyms: [['发货', '寄出']] });

  it('ranks the right FAQ first for a reworded question', () => {
    const result = retriever.search('买了东西多久能发货');
    expect(result.hits[0]?.id).toBe('faq-shipping-time');
    expect(result.noAnswer).toBe(false);
  });

  it('finds an FAQ through a synonym', () => {
    expect(retriever.search('什么时候寄出').hits[0]?.id).toBe('faq-shipping-time');
  });

  it('uses the answer text too, at a lower weight', () => {
    expect(retriever.search('运费券').hits[0]?.id).toBe('faq-membership');
  });

  it('says noAnswer for an unrelated query', () => {
    const result = retriever.search('今天股市行情怎么样');
    expect(result.noAnswer).toBe(true);
  });

  it('gives a higher confidence to a full match than to a partial one', () => {
    const full = retriever.search('退货期限是多久').hits[0]!;
    const partial = retriever.search('退货期限 股票 基金 彩票').hits[0]!;
    expect(full.id).toBe('faq-return-window');
    expect(full.confidence).toBeGreaterThan(partial.confidence);
  });

  it('returns nothing for empty input', () => {
    expect(retriever.search('')).toEqual({ hits: [], noAnswer: true });
  });
});

describe('FAQ retrieval with character terms', () => {
  const faqs = [
    { id: 'card_loss', question: '银行卡丢了怎么挂失', paraphrases: ['卡被偷了'] },
    { id: 'card_fee', question: '银行卡年费多少', paraphrases: ['卡的管理费怎么收'] },
    { id: 'password', question: '忘记密码怎么办', paraphrases: ['密码输错被锁了'] },
    { id: 'transfer', question: '转账多久到账', paraphrases: ['汇款什么时候到'] },
  ];

  it('finds a rewording that shares single characters but no word or bigram with the FAQ', () => {
    // 钱转出去了还没到 shares the characters 转 and 到 with the transfer FAQ, and no word or bigram with any.
    expect(FaqRetriever.build(faqs).search('钱转出去了还没到').hits[0]?.id).toBe('transfer');
    expect(FaqRetriever.build(faqs, { charUnigrams: false }).search('钱转出去了还没到').hits[0]?.id).not.toBe('transfer');
  });
});
