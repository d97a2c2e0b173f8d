import { describe, expect, it } from 'vitest';
import { compactDigits } from './half-width.js';
import { namedValidators } from './named-validators.js';

const clock = { now: '2026-11-25T02:00:00Z', utcOffsetMinutes: 480 };

describe('named validators', () => {
  it('finds order ids with an optional letter prefix and refuses short numbers', () => {
    expect(namedValidators.order_id.extract('订单号是e202611250001哦', clock)).toBe('E202611250001');
    expect(namedValidators.order_id.extract('12345', clock)).toBeUndefined();
    expect(namedValidators.order_id.accepts('202611250001')).toBe(true);
  });

  it('finds mobile numbers typed with spaces, dashes, full-width digits or +86', () => {
    expect(namedValidators.mobile.extract('１３８-0013 8000', clock)).toBe('13800138000');
    expect(namedValidators.mobile.extract('+8613912345678', clock)).toBe('13912345678');
    expect(namedValidators.mobile.extract('12345678901', clock)).toBeUndefined();
  });

  it('checks the resident id check digit', () => {
    expect(namedValidators.id_card.accepts('11010519491231002X')).toBe(true);
    expect(namedValidators.id_card.accepts('110105194912310021')).toBe(false);
    expect(namedValidators.id_card.extract('身份证 11010519491231002x', clock)).toBe('11010519491231002X');
  });

  it('takes exactly six digits as a code and four as card digits', () => {
    expect(namedValidators.otp_code.extract('验证码 246810', clock)).toBe('246810');
    expect(namedValidators.otp_code.extract('2468101', clock)).toBeUndefined();
    expect(namedValidators.card_last4.extract('尾号6222的卡', clock)).toBe('6222');
  });

  it('reads emails, dates and months', () => {
    expect(namedValidators.email.extract('发到 Li.Lei@Example.com 吧', clock)).toBe('li.lei@example.com');
    expect(namedValidators.date.extract('2026年12月1日', clock)).toBe('2026-12-01');
    expect(namedValidators.month.extract('上个月', clock)).toBe('2026-10');
  });

  it('compacts digits but leaves words alone', () => {
    expect(compactDigits('电话 138 0013 8000 谢谢')).toBe('电话 13800138000 谢谢');
  });
});

describe('values from NLU entities', () => {
  it('normalises a datetime instant to its day and a whole card number to its last four digits', () => {
    expect(namedValidators.date.normalize?.('2026-11-26T15:00:00+08:00')).toBe('2026-11-26');
    expect(namedValidators.card_last4.extract('卡号 6222 0212 3456 7890', clock)).toBe('7890');
  });

  it('accepts the NLU\'s order number shapes', () => {
    expect(namedValidators.order_id.accepts('DD20241125000123')).toBe(true);
    expect(namedValidators.order_id.accepts('2024112500012')).toBe(true);
    expect(namedValidators.order_id.accepts('123456789')).toBe(false);
  });
});
