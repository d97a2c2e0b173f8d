import { loadTemplate } from '@zhida/templates';
import { beforeAll, describe, expect, it } from 'vitest';
import { outOfFoldPredictions, thresholdMinimisingCost, TicketClassifier, type TicketCategoryPriority, type TicketTrainingText } from './ticket-classifier.js';

let categories: TicketCategoryPriority[];
let examples: TicketTrainingText[];
let classifier: TicketClassifier;

beforeAll(async () => {
  const { ticketCategories } = await loadTemplate('ecommerce');
  categories = ticketCategories.map((c) => ({ key: c.id, defaultPriority: c.priority }));
  examples = ticketCategories.flatMap((c) => c.examples.map((text) => ({ text, categoryKey: c.id })));
  classifier = TicketClassifier.train(categories, examples);
});

describe('TicketClassifier', () => {
  it('trains on the categories and names the category of a clearly worded ticket, with its default priority', () => {
    expect([...classifier.categoryKeys].sort()).toEqual(categories.map((c) => c.key).sort());
    const verdict = classifier.classify('我要开增值税专用发票，公司抬头和税号已经填好了');
    expect(verdict.categoryKey).toBe('invoice');
    expect(verdict.needsTriage).toBe(false);
    expect(verdict.confidence).toBeGreaterThanOrEqual(classifier.threshold);
    expect(verdict.priority).toBe('P4');
    expect(verdict.emotion).toBe('neutral');
    expect(verdict.risk).toBe('none');
  });

  it('chose its triage threshold out of fold on the training texts, strictly between never and always', () => {
    expect(classifier.threshold).toBeGreaterThan(0);
    expect(classifier.threshold).toBeLessThan(1);
  });

  it('raises the priority one step for an angry customer', () => {
    const calm = classifier.classify('买的鞋子尺码小了，想换大一码，吊牌还在');
    const angry = classifier.classify('气死我了！！买的鞋子尺码小了想换大一码，你们拖了一个礼拜都不给换，什么破店，垃圾！');
    expect(calm.categoryKey).toBe('return_exchange');
    expect(calm.priority).toBe('P3');
    expect(angry.emotion).toBe('anger');
    expect(angry.risk).not.toBe('high');
    expect(angry.priority).toBe('P2');
  });

  it('makes a high-risk ticket P1 whatever its category', () => {
    const verdict = classifier.classify('发票开错了三次还没给我重开，再不处理我就去市场监管局投诉，还要找媒体曝光你们');
    expect(verdict.risk).toBe('high');
    expect(verdict.priority).toBe('P1');
  });

  it('sends a ticket it cannot place to triage, without a category, keeping its best guess aside', () => {
    const vague = classifier.classify('你好，麻烦处理一下，谢谢');
    expect(vague.needsTriage).toBe(true);
    expect(vague.categoryKey).toBeNull();
    expect(vague.confidence).toBeLessThan(classifier.threshold);
    // Without a category the ticket starts from P3.
    expect(vague.priority).toBe('P3');

    const strict = TicketClassifier.train(categories, examples, { threshold: 0.999 });
    const verdict = strict.classify('退货以后钱一直没退回来');
    expect(verdict.needsTriage).toBe(true);
    expect(verdict.categoryKey).toBeNull();
    expect(verdict.bestGuess).toBe('refund_delay');
  });

  it("learns from agents' corrections", () => {
    const text = '买的保温杯盖子拧不紧，一倒就漏水';
    const before = classifier.classify(text);
    expect(before.bestGuess).toBe('quality_issue');
    // This tenant files leaking lids under returns: two agents corrected such tickets.
    const corrections = [
      { text: '保温杯盖子拧不紧漏水，给我退了吧', categoryKey: 'return_exchange', correction: true },
      { text: '杯盖漏水，申请退货', categoryKey: 'return_exchange', correction: true },
      { text: '保温杯一倒就漏水，盖子有问题', categoryKey: 'return_exchange', correction: true },
    ];
    const corrected = TicketClassifier.train(categories, [...examples, ...corrections]);
    expect(corrected.classify(text).bestGuess).toBe('return_exchange');
  });

  it('ignores texts of categories it was not given, and with no text at all sends everything to triage', () => {
    const one = TicketClassifier.train([{ key: 'invoice', defaultPriority: 'P4' }], examples);
    expect(one.categoryKeys).toEqual(['invoice']);
    const empty = TicketClassifier.train(categories, []);
    const verdict = empty.classify('我要开发票');
    expect(verdict).toMatchObject({ categoryKey: null, needsTriage: true, confidence: 0, bestGuess: null, priority: 'P3' });
  });

  it('round-trips through JSON with the same verdicts', () => {
    const restored = TicketClassifier.fromJSON(JSON.parse(JSON.stringify(classifier.toJSON())));
    for (const text of ['退款半个月还没到账', '客服态度太差了', '你好']) expect(restored.classify(text)).toEqual(classifier.classify(text));
  });
});

describe('thresholdMinimisingCost', () => {
  it('keeps everything when the wrong guesses are no less confident than the right ones', () => {
    expect(thresholdMinimisingCost([{ confidence: 0.9, correct: true }, { confidence: 0.95, correct: false }])).toBe(0);
  });

  it('cuts below the confident right answers when a wrong route costs more than three triaged tickets', () => {
    const predictions = [
      { confidence: 0.2, correct: false },
      { confidence: 0.3, correct: true },
      { confidence: 0.35, correct: false },
      { confidence: 0.8, correct: true },
      { confidence: 0.9, correct: true },
    ];
    // At 0.8: the two wrong ones go to triage (0) and one right one too (1): cost 1, the least.
    expect(thresholdMinimisingCost(predictions)).toBe(0.8);
  });

  it('has no opinion without predictions', () => {
    expect(thresholdMinimisingCost([])).toBe(0.5);
  });
});

describe('outOfFoldPredictions', () => {
  it('predicts every training text once, from a model that did not see it', () => {
    const predictions = outOfFoldPredictions(examples, { folds: 5, seed: 42 });
    expect(predictions).toHaveLength(examples.length);
    expect(predictions.filter((p) => p.correct).length / predictions.length).toBeGreaterThan(0.6);
  });

  it('declines when a category has too few texts to leave some in every fold', () => {
    expect(outOfFoldPredictions([{ text: '开发票', categoryKey: 'invoice' }, { text: '退货', categoryKey: 'return_exchange' }], { folds: 5, seed: 42 })).toEqual([]);
  });
});
