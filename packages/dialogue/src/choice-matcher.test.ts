import { describe, expect, it } from 'vitest';
import { matchChoice } from './choice-matcher.js';

const buttons = [{ label: '物流延迟' }, { label: '退货退款' }, { label: '退款进度', synonyms: ['退款到哪了'] }];

describe('picking a button from a reply', () => {
  it('matches the label, ignoring spaces and punctuation', () => {
    expect(matchChoice(' 退货退款！', buttons)).toBe(1);
  });

  it('matches numbers and ordinals in Chinese and English', () => {
    expect(matchChoice('1', buttons)).toBe(0);
    expect(matchChoice('第二个', buttons)).toBe(1);
    expect(matchChoice('选3', buttons)).toBe(2);
    expect(matchChoice('the second one', buttons)).toBe(1);
    expect(matchChoice('第四个', buttons)).toBeUndefined();
  });

  it('matches a synonym, or a label inside a longer reply when only one fits', () => {
    expect(matchChoice('退款到哪了', buttons)).toBe(2);
    expect(matchChoice('我是物流延迟的问题', buttons)).toBe(0);
    expect(matchChoice('退款', buttons)).toBeUndefined();
  });

  it('matches a distinctive fragment of one label', () => {
    expect(matchChoice('99元那个', [{ label: '畅享 39 元' }, { label: '畅享 99 元' }])).toBe(1);
  });

  it('picks a time slot by the part of the day when only one fits', () => {
    const slots = [{ label: '09:00–09:30（余 3 个）' }, { label: '14:00–14:30（余 1 个）' }];
    expect(matchChoice('下午那个', slots)).toBe(1);
    expect(matchChoice('上午吧', slots)).toBe(0);
    expect(matchChoice('晚上', slots)).toBeUndefined();
    expect(matchChoice('下午', [{ label: '14:00' }, { label: '15:00' }])).toBeUndefined();
  });
});

describe('matchChoice — times, numbers and positions in the customer’s words', () => {
  const slots = ['09:00–10:00（余 3 个）', '10:00–11:00（余 3 个）', '14:00–15:00（余 3 个）', '15:30–16:30（余 2 个）'].map((label) => ({ label }));
  const plans = ['畅享 29 元（5GB）', '畅享 59 元', '畅享 99 元', '5G 尊享 129 元'].map((label) => ({ label }));

  it('picks the time slot that starts at the time named', () => {
    expect(matchChoice('上午九点那场', slots)).toBe(0);
    expect(matchChoice('10点那个', slots)).toBe(1);
    expect(matchChoice('下午两点的', slots)).toBe(2);
    expect(matchChoice('九点到十点的', slots)).toBe(0);
  });

  it('picks by position word', () => {
    expect(matchChoice('最早的那个时间段', slots)).toBe(0);
    expect(matchChoice('最后那个', slots)).toBe(3);
  });

  it('picks the one label holding the number, spoken or written, as a whole number', () => {
    expect(matchChoice('每月二十九块的那个', plans)).toBe(0);
    expect(matchChoice('129那个', plans)).toBe(3);
    expect(matchChoice('要99的那个', plans)).toBe(2);
  });
});
