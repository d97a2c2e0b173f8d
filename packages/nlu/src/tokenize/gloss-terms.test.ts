import { describe, expect, it } from 'vitest';
import { normalizeText } from '../normalize/normalize-text.js';
import { glossTerms } from './gloss-terms.js';

describe('glossTerms', () => {
  it('glosses English terms, longest phrase first', () => {
    expect(glossTerms('i want to file a complaint')).toBe('投诉');
    expect(glossTerms('my credit card was stolen')).toBe('信用卡 被盗');
  });

  it('matches inflected forms through the stemmer', () => {
    expect(glossTerms('two parcels delayed')).toBe('包裹 延迟');
    expect(glossTerms('refunds')).toBe('退款');
  });

  it('reads English inside Chinese text', () => {
    expect(glossTerms(normalizeText('我的Order还没到'))).toBe('订单');
  });

  it('is empty for Chinese-only text and unknown English words', () => {
    expect(glossTerms('我要退货')).toBe('');
    expect(glossTerms('lorem ipsum')).toBe('');
    expect(glossTerms('')).toBe('');
  });

  it('reads everyday English salutations, but not "ta" (他/她 in Chinese chat)', () => {
    expect(glossTerms('howdy')).toBe('你好');
    expect(glossTerms('cheers mate')).toBe('谢谢');
    expect(glossTerms('ok gotta go')).toBe('我先走了 再见');
    expect(glossTerms(normalizeText('ta说明天到'))).toBe('');
  });

  it('does not join words across Chinese text into one phrase', () => {
    // "credit" and "card" are separated by Chinese text, so they are not the phrase "credit card".
    expect(glossTerms(normalizeText('credit 的 card'))).toBe('卡');
  });
});

describe('glossTerms on chat shorthand', () => {
  it('glosses Latin shorthand as whole tokens only', () => {
    expect(glossTerms('3q')).toBe('谢谢');
    expect(glossTerms('886')).toBe('再见');
    // 2886 is a number, not 886.
    expect(glossTerms('订单2886')).toBe('');
    // A bare 88 is too often a house number (张江路88弄) to read as 再见.
    expect(glossTerms('88弄3号1202室')).toBe('');
  });

  it('glosses Chinese shorthand, longest form first', () => {
    expect(glossTerms('这咋整')).toBe('怎么办');
    expect(glossTerms('木有收到')).toBe('没有');
  });
});

describe('glossTerms on social set phrases', () => {
  it('reads greetings, thanks and leave-taking formulae as their plain word', () => {
    expect(glossTerms('午安')).toBe('你好');
    expect(glossTerms('雷猴')).toBe('你好');
    expect(glossTerms('唔该')).toBe('谢谢');
    expect(glossTerms('三克油')).toBe('谢谢');
    expect(glossTerms('桑q')).toBe('谢谢');
    expect(glossTerms('有劳了')).toBe('谢谢');
    expect(glossTerms('告辞')).toBe('再见');
    expect(glossTerms('青山不改，绿水长流')).toBe('再见 再见');
  });

  it('keeps the rest of a message, and leaves position-dependent phrases alone', () => {
    expect(glossTerms('晚上好，我的快递木有到')).toBe('你好 没有');
    // "叨扰了" opens a chat as often as it closes one.
    expect(glossTerms('叨扰了')).toBe('');
  });
});

describe('glossTerms on grievances', () => {
  it('reads a demand for redress or a verdict on conduct as 投诉', () => {
    expect(glossTerms('七天无理由你们都不认，谁来负责')).toBe('投诉');
    expect(glossTerms('门难进脸难看事难办')).toBe('投诉 投诉 投诉');
    expect(glossTerms('催收天天骚扰我家人')).toBe('投诉');
  });

  it('leaves a plain request alone', () => {
    expect(glossTerms('我要退货，运费谁出')).toBe('');
  });
});
