import { describe, expect, it } from 'vitest';
import { maskAnalyticsText, maskProps } from './analytics-text-mask.js';

describe('maskProps', () => {
  it('keeps our own row ids whole, even one whose first group is all digits', () => {
    const id = '12345678-9abc-4def-8123-456789abcdef';
    expect(maskProps({ ticketId: id, nested: [{ conversationId: id }] })).toEqual({ ticketId: id, nested: [{ conversationId: id }] });
  });

  it('still masks order numbers and phone numbers in free text, and an id-like run inside a sentence', () => {
    expect(maskProps({ text: '订单 20261207123456 没到，电话 13812345678' })).toEqual({ text: maskAnalyticsText('订单 20261207123456 没到，电话 13812345678') });
    expect(maskAnalyticsText('订单 20261207123456')).toBe('订单 **********3456');
    expect(maskProps({ text: '单号 12345678-9abc' })).toEqual({ text: '单号 ****5678-9abc' });
  });
});
