import { describe, expect, it } from 'vitest';
import { utteranceKey } from './utterance-key.js';

describe('utterance key for duplicate detection', () => {
  it('ignores case, spaces and Chinese or ASCII punctuation', () => {
    expect(utteranceKey('My order 还没到！')).toBe('myorder还没到');
    expect(utteranceKey('怎么退货？')).toBe(utteranceKey('怎么 退货'));
  });

  it('keeps Traditional and Simplified characters apart, since both are deliberate training variants', () => {
    expect(utteranceKey('退貨')).not.toBe(utteranceKey('退货'));
  });
});
