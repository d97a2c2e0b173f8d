import { describe, expect, it } from 'vitest';
import type { TicketCategory } from './customer-ticket-schema.js';
import { checkAttachment, isMainlandMobile, MAX_ATTACHMENT_BYTES, validateReply, validateTicketForm, type TicketFormInput } from './ticket-form-validation.js';

const returns: TicketCategory = {
  id: 'cat-1',
  key: 'return_exchange',
  name: '退换货',
  fields: [
    { key: 'order', label: '订单号', type: 'order_number', required: true },
    { key: 'reason', label: '原因', type: 'select', required: true, options: ['质量问题', '尺码不合适'] },
    { key: 'received', label: '收货日期', type: 'date', required: false },
    { key: 'amount', label: '金额', type: 'number', required: false },
    { key: 'callback', label: '回访电话', type: 'phone', required: false },
    { key: 'note', label: '备注', type: 'text', required: false },
  ],
};

function form(overrides: Partial<TicketFormInput> = {}): TicketFormInput {
  return {
    categoryId: 'cat-1',
    description: '收到的衣服有破洞',
    contact: { name: '', phone: '', email: '' },
    fields: { order: '20261123883308', reason: '质量问题' },
    ...overrides,
  };
}

describe('the 提交工单 form', () => {
  it('accepts a complete form and sends number fields as numbers, leaving unanswered optional ones out', () => {
    const result = validateTicketForm(form({ fields: { order: '20261123883308', reason: '质量问题', amount: '129.5', note: '  ' } }), returns);
    expect(result).toEqual({
      ok: true,
      value: { categoryId: 'cat-1', description: '收到的衣服有破洞', contact: {}, fields: { order: '20261123883308', reason: '质量问题', amount: 129.5 } },
    });
  });

  it('asks for a category, a description and the category’s required fields', () => {
    expect(validateTicketForm(form({ categoryId: '', description: '   ' }), undefined)).toEqual({ ok: false, problems: { categoryId: 'required', description: 'required' } });
    expect(validateTicketForm(form({ fields: {} }), returns)).toEqual({ ok: false, problems: { 'fields.order': 'required', 'fields.reason': 'required' } });
  });

  it('refuses a description over the server’s limit', () => {
    expect(validateTicketForm(form({ description: '很'.repeat(4001) }), returns)).toMatchObject({ ok: false, problems: { description: 'too_long' } });
  });

  it('takes only a mainland mobile as the contact phone, tolerating spaces, dashes and +86', () => {
    const withPhone = (phone: string) => validateTicketForm(form({ contact: { name: '张三', phone, email: '' } }), returns);
    expect(withPhone('138 0013 8000')).toMatchObject({ ok: true, value: { contact: { name: '张三', phone: '13800138000' } } });
    expect(withPhone('+86 138-0013-8000')).toMatchObject({ ok: true, value: { contact: { phone: '13800138000' } } });
    expect(withPhone('12800138000')).toMatchObject({ ok: false, problems: { 'contact.phone': 'invalid_mobile' } });
    expect(withPhone('010-12345678')).toMatchObject({ ok: false, problems: { 'contact.phone': 'invalid_mobile' } });
    expect(withPhone('1380013800')).toMatchObject({ ok: false, problems: { 'contact.phone': 'invalid_mobile' } });
  });

  it('checks the e-mail address shape when one is given', () => {
    expect(validateTicketForm(form({ contact: { name: '', phone: '', email: 'zhang@' } }), returns)).toMatchObject({ ok: false, problems: { 'contact.email': 'invalid_email' } });
    expect(validateTicketForm(form({ contact: { name: '', phone: '', email: 'zhang@example.cn' } }), returns)).toMatchObject({ ok: true });
  });

  it('checks each extra field by its type', () => {
    const fields = { order: '单号', reason: '不喜欢', received: '2026-02-30', amount: '十块', callback: '12345' };
    expect(validateTicketForm(form({ fields }), returns)).toEqual({
      ok: false,
      problems: {
        'fields.order': 'invalid_order_number',
        'fields.reason': 'invalid_option',
        'fields.received': 'invalid_date',
        'fields.amount': 'invalid_number',
        'fields.callback': 'invalid_phone',
      },
    });
    const good = { order: 'A2026-1123', reason: '尺码不合适', received: '2026-02-28', amount: '-3', callback: '010-62345678' };
    expect(validateTicketForm(form({ fields: good }), returns)).toMatchObject({ ok: true, value: { fields: { ...good, amount: -3 } } });
  });

  it('needs words in a 补充信息 reply', () => {
    expect(validateReply('  ')).toBe('required');
    expect(validateReply('补充一张照片')).toBeNull();
    expect(validateReply('字'.repeat(4001))).toBe('too_long');
  });
});

describe('mainland mobile numbers', () => {
  it('are 11 digits starting 13–19', () => {
    expect(isMainlandMobile('13800138000')).toBe(true);
    expect(isMainlandMobile('19912345678')).toBe(true);
    expect(isMainlandMobile('11800138000')).toBe(false);
    expect(isMainlandMobile('138001380001')).toBe(false);
  });
});

describe('attachments chosen in the browser', () => {
  it('takes images and PDFs up to 5 MB', () => {
    expect(checkAttachment({ name: '破洞.JPG', type: 'image/jpeg', size: 1024 }, 0)).toEqual({ ok: true, contentType: 'image/jpeg' });
    expect(checkAttachment({ name: '发票.pdf', type: 'application/pdf', size: MAX_ATTACHMENT_BYTES }, 2)).toEqual({ ok: true, contentType: 'application/pdf' });
  });

  it('falls back to the extension when the browser names no type', () => {
    expect(checkAttachment({ name: 'shot.webp', type: '', size: 10 }, 0)).toEqual({ ok: true, contentType: 'image/webp' });
    expect(checkAttachment({ name: 'notes.txt', type: '', size: 10 }, 0)).toEqual({ ok: false, problem: 'wrong_type' });
  });

  it('refuses other types, files over 5 MB, empty files and a fourth file', () => {
    expect(checkAttachment({ name: 'photo.heic', type: 'image/heic', size: 10 }, 0)).toEqual({ ok: false, problem: 'wrong_type' });
    expect(checkAttachment({ name: 'page.svg', type: 'image/svg+xml', size: 10 }, 0)).toEqual({ ok: false, problem: 'wrong_type' });
    expect(checkAttachment({ name: 'big.png', type: 'image/png', size: MAX_ATTACHMENT_BYTES + 1 }, 0)).toEqual({ ok: false, problem: 'too_large' });
    expect(checkAttachment({ name: 'zero.png', type: 'image/png', size: 0 }, 0)).toEqual({ ok: false, problem: 'empty' });
    expect(checkAttachment({ name: 'a.png', type: 'image/png', size: 10 }, 3)).toEqual({ ok: false, problem: 'too_many' });
  });
});
