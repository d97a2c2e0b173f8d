import { describe, expect, it } from 'vitest';
import { acceptBlocker, acceptPayloadOf } from './accept-payload.js';

describe('accepting a proposed new FAQ', () => {
  const suggestion = { kind: 'new_faq' as const, question: '发票怎么开' };

  it('sends the edited question, the answer and the category, trimmed', () => {
    expect(acceptPayloadOf(suggestion, { question: ' 如何开具发票 ', answer: ' 在订单详情页申请。 ', category: ' 财务 ', paraphrases: ['发票怎么开', '能开发票吗'] })).toEqual({
      question: '如何开具发票',
      answer: '在订单详情页申请。',
      category: '财务',
      paraphrases: ['发票怎么开', '能开发票吗'],
    });
  });

  it('keeps the proposed question when the field was emptied and leaves out an empty category', () => {
    expect(acceptPayloadOf(suggestion, { question: '  ', answer: '可以', category: '', paraphrases: [] })).toEqual({ question: '发票怎么开', answer: '可以', paraphrases: [] });
  });

  it('drops paraphrases that repeat the question or each other', () => {
    const payload = acceptPayloadOf(suggestion, { question: '发票怎么开', answer: '可以', paraphrases: ['发票怎么开', ' 开发票 ', '开发票', ''] });
    expect(payload.paraphrases).toEqual(['开发票']);
  });
});

describe('accepting paraphrases for an existing FAQ', () => {
  it('sends only the paraphrases kept, never a question or answer', () => {
    expect(acceptPayloadOf({ kind: 'paraphrase', question: '怎么退货' }, { question: '改掉', answer: 'x', paraphrases: ['退货咋弄', '怎么退货', '退货咋弄 '] })).toEqual({ paraphrases: ['退货咋弄'] });
  });
});

describe('when a suggestion cannot be accepted', () => {
  it('blocks paraphrases whose FAQ was deleted, and anything already decided', () => {
    expect(acceptBlocker({ kind: 'paraphrase', faqId: null, status: 'pending' })).toBe('faq_missing');
    expect(acceptBlocker({ kind: 'new_faq', faqId: null, status: 'rejected' })).toBe('decided');
    expect(acceptBlocker({ kind: 'paraphrase', faqId: 'f1', status: 'pending' })).toBeNull();
    expect(acceptBlocker({ kind: 'new_faq', faqId: null, status: 'pending' })).toBeNull();
  });
});
