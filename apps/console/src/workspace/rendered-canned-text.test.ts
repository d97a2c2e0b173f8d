import { describe, expect, it } from 'vitest';
import { renderedCannedText } from './rendered-canned-text.js';

describe('rendered canned reply text', () => {
  it('takes the rendered text, or a body field', () => {
    expect(renderedCannedText({ text: '张三您好' }, '{customerName}您好')).toBe('张三您好');
    expect(renderedCannedText({ body: '李四您好' }, '{customerName}您好')).toBe('李四您好');
  });

  it('falls back to the unrendered body when the answer has neither', () => {
    expect(renderedCannedText(undefined, '{customerName}您好')).toBe('{customerName}您好');
    expect(renderedCannedText({ id: 'cr1' }, '{customerName}您好')).toBe('{customerName}您好');
  });
});
