import { describe, expect, it } from 'vitest';
import { foldText } from './fold-text.js';

describe('text folding', () => {
  it('turns full-width digits, letters and punctuation into ASCII', () => {
    expect(foldText('１３８１２３４５６７８！？ＡＢ')).toBe('13812345678!?AB');
  });

  it('maps the Traditional characters our patterns rely on', () => {
    expect(foldText('明天下午３點，兩千塊錢')).toBe('明天下午3点,两千块钱');
  });

  it('keeps every offset: the output has the same length as the input', () => {
    const input = '週三上午１０點半\u3000￥１２９９ \uD800';
    expect(foldText(input)).toHaveLength(input.length);
  });

  it('lower-cases ASCII only when asked', () => {
    expect(foldText('WTF')).toBe('WTF');
    expect(foldText('ＷＴＦ', { lowerAscii: true })).toBe('wtf');
  });
});
