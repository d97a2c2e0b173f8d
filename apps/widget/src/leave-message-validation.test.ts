import { describe, expect, it } from 'vitest';
import { validateLeaveMessage } from './leave-message-validation.js';

describe('the 留言 form', () => {
  it('needs words, and a mobile only when one is given', () => {
    expect(validateLeaveMessage({ text: '  ', mobile: '' })).toEqual({ ok: false, problems: { text: 'required' } });
    expect(validateLeaveMessage({ text: '退款还没到账', mobile: '' })).toEqual({ ok: true, value: { text: '退款还没到账' } });
  });

  it('checks the mobile like the ticket form does and sends it without spaces or +86', () => {
    expect(validateLeaveMessage({ text: '请回电', mobile: '12345' })).toEqual({ ok: false, problems: { mobile: 'invalid_mobile' } });
    expect(validateLeaveMessage({ text: '请回电', mobile: '010-12345678' })).toEqual({ ok: false, problems: { mobile: 'invalid_mobile' } });
    expect(validateLeaveMessage({ text: ' 请回电 ', mobile: '+86 138-0013-8000' })).toEqual({ ok: true, value: { text: '请回电', phone: '13800138000' } });
  });

  it('refuses a message longer than the server takes', () => {
    expect(validateLeaveMessage({ text: '长'.repeat(4001), mobile: '' })).toEqual({ ok: false, problems: { text: 'too_long' } });
  });
});
