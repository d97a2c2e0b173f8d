import { describe, expect, it } from 'vitest';
import { judgeEveryday, offersQuestion, type EverydayObservation } from './everyday-judge.js';

const accepted = { ids: ['return_shipping_fee', 'return_policy'], questions: ['退货运费谁承担？', '退货政策是什么？'] };
const seen = (over: Partial<EverydayObservation>): EverydayObservation => ({ faqIds: [], outcomes: [], buttons: [], handoff: false, inFlow: false, ...over });

describe('everyday question judge', () => {
  it('is right when the FAQ or one also right was answered', () => {
    expect(judgeEveryday(accepted, seen({ faqIds: ['return_shipping_fee'], outcomes: ['answered'] })).verdict).toBe('right');
    expect(judgeEveryday(accepted, seen({ faqIds: ['return_policy'], outcomes: ['answered'] })).verdict).toBe('right');
  });

  it('is right when the answer comes with a task started beside it', () => {
    expect(judgeEveryday(accepted, seen({ faqIds: ['return_shipping_fee'], outcomes: ['answered', 'slot_filled'], inFlow: true })).verdict).toBe('right');
  });

  it('is wrong when another FAQ was answered', () => {
    expect(judgeEveryday(accepted, seen({ faqIds: ['invoice_how_to'], outcomes: ['answered'] }))).toEqual({ verdict: 'wrong', other: null });
  });

  it('accepts a clarifying question that offers the FAQ question, whole or as a prefix', () => {
    expect(judgeEveryday(accepted, seen({ outcomes: ['clarified'], buttons: ['换货流程', '退货运费谁承担？'] })).verdict).toBe('clarified_right');
    expect(judgeEveryday(accepted, seen({ outcomes: ['clarified'], buttons: ['退货运费谁…'] })).verdict).toBe('clarified_right');
  });

  it('does not count FAQ buttons that were not a clarifying question', () => {
    expect(judgeEveryday(accepted, seen({ outcomes: ['fallback'], buttons: ['退货运费谁承担？'] }))).toEqual({ verdict: 'other', other: 'fallback' });
  });

  it('says what the bot did instead: handoff before task before clarified', () => {
    expect(judgeEveryday(accepted, seen({ outcomes: ['handoff'], handoff: true, inFlow: true })).other).toBe('handoff');
    expect(judgeEveryday(accepted, seen({ outcomes: ['slot_filled'], inFlow: true })).other).toBe('task');
    expect(judgeEveryday(accepted, seen({ outcomes: ['clarified'], buttons: ['申请退货', '查询订单'] })).other).toBe('clarified');
    expect(judgeEveryday(accepted, seen({ outcomes: ['answered'] })).other).toBe('none');
  });
});

describe('a button offering an FAQ question', () => {
  it('matches the question or a prefix of four characters or more, ignoring closing punctuation', () => {
    expect(offersQuestion('退货运费谁承担', '退货运费谁承担？')).toBe(true);
    expect(offersQuestion('退货运费…', '退货运费谁承担？')).toBe(true);
    expect(offersQuestion('退货', '退货运费谁承担？')).toBe(false);
    expect(offersQuestion('运费谁承担', '退货运费谁承担？')).toBe(false);
  });
});
