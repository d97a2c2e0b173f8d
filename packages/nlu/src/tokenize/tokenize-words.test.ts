import { describe, expect, it } from 'vitest';
import { pinyinRuns } from './pinyin-syllables.js';
import { stemEnglish } from './stem-english.js';
import { tokenizeWords } from './tokenize-words.js';
import { UserDictionary } from './user-dictionary.js';

describe('tokenising', () => {
  it('segments Chinese with jieba and drops punctuation', () => {
    expect(tokenizeWords('我想退货 怎么办')).toEqual(['我', '想', '退货', '怎么办']);
  });

  it('stems English words lightly', () => {
    expect(tokenizeWords('my cards were charged twice')).toEqual(['my', 'card', 'be', 'charg', 'twic']);
    expect(stemEnglish('transfers')).toBe(stemEnglish('transferring'));
  });

  it('gives homophones the same pinyin', () => {
    expect(pinyinRuns('退宽')).toEqual(pinyinRuns('退款'));
    expect(pinyinRuns('ok 我要退款')).toEqual([['wo', 'yao', 'tui', 'kuan']]);
  });
});

describe('tenant user dictionary', () => {
  it('finds product names by longest match', () => {
    const dict = new UserDictionary(['极光', '极光套餐', '畅享会员']);
    expect(dict.find('办理极光套餐和畅享会员')).toEqual(['极光套餐', '畅享会员']);
  });

  it('finds nothing when empty', () => {
    expect(new UserDictionary([]).find('极光套餐')).toEqual([]);
  });
});
