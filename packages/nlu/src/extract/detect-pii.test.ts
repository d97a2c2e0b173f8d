import { describe, expect, it } from 'vitest';
import { detectPii } from './detect-pii.js';
import { maskPii } from './mask-pii.js';

describe('resident IDs', () => {
  it('reports a valid ID with high confidence and masks all but the first 6 and last 4', () => {
    const [m] = detectPii('身份证11010519491231002X');
    expect(m).toMatchObject({ type: 'id_card', text: '11010519491231002X', start: 3, end: 21, masked: '110105********002X' });
    expect(m?.confidence).toBeGreaterThanOrEqual(0.95);
  });

  it('does not report a number whose check digit fails, as an ID or as anything else', () => {
    expect(detectPii('身份证110105194912310021')).toEqual([]);
  });

  it('reports a number that is both a valid ID and Luhn-valid once, as an ID', () => {
    // 440304199003071256 passes MOD 11-2 and Luhn, and starts like a card (4…).
    expect(detectPii('证件号440304199003071256').map((m) => m.type)).toEqual(['id_card']);
  });

  it('accepts an ID typed with full-width digits and keeps offsets into the original', () => {
    const text = '号码：１１０１０５１９４９１２３１００２Ｘ';
    const [m] = detectPii(text);
    expect(m).toMatchObject({ type: 'id_card', start: 3, end: 21, masked: '110105********002X' });
    expect(m?.text).toBe(text.slice(3));
  });

  it('reports a legacy 15-digit ID only when introduced as an ID, with low confidence', () => {
    expect(detectPii('身份证号110105491231002')[0]).toMatchObject({ type: 'id_card', confidence: 0.6 });
    expect(detectPii('编号110105491231002')).toEqual([]);
  });
});

describe('mobile numbers', () => {
  it.each([
    ['13812345678', '138****5678'],
    ['138 1234 5678', '138****5678'],
    ['138-1234-5678', '138****5678'],
    ['+86 13812345678', '+86 138****5678'],
    ['+8613812345678', '+86138****5678'],
  ])('recognises %s and masks it as %s', (number, masked) => {
    const [m] = detectPii(`电话${number}，谢谢`);
    expect(m).toMatchObject({ type: 'mobile', text: number, masked });
  });

  it.each(['12812345678', '1381234567', '138123456789', '02112345678'])('ignores %s, which is not a mainland mobile', (number) => {
    expect(detectPii(`号码${number}`).filter((m) => m.type === 'mobile')).toEqual([]);
  });
});

describe('bank cards', () => {
  it('reports a Luhn-valid card and masks all but the first 6 and last 4', () => {
    expect(detectPii('卡号6222020655490123')[0]).toMatchObject({ type: 'bank_card', masked: '622202******0123' });
  });

  it('understands cards written in groups of four', () => {
    expect(detectPii('卡号 4111 1111 1111 1111')[0]).toMatchObject({ type: 'bank_card', text: '4111 1111 1111 1111', masked: '411111******1111' });
  });

  it('masks a 19-digit card with nine stars', () => {
    expect(detectPii('6217000000000060123')[0]?.masked).toBe('621700*********0123');
  });

  it('ignores a card-shaped number that fails Luhn', () => {
    expect(detectPii('卡号6222021234567890')).toEqual([]);
  });

  it('ignores a Luhn-valid number introduced as an order number', () => {
    expect(detectPii('订单号4111111111111111')).toEqual([]);
  });
});

describe('e-mail and addresses', () => {
  it('masks an e-mail down to its first letter and domain', () => {
    expect(detectPii('邮箱 zhang.san@example.com')[0]).toMatchObject({ type: 'email', masked: 'z***@example.com' });
  });

  it('prefers the e-mail over the mobile number that forms its local part', () => {
    expect(detectPii('13812345678@qq.com').map((m) => m.type)).toEqual(['email']);
  });

  it('finds an address after a verb and keeps only province and city visible', () => {
    const [m] = detectPii('寄到广东省深圳市南山区科技园路1号阳光小区3栋2单元501室，谢谢');
    expect(m).toMatchObject({ type: 'address', text: '广东省深圳市南山区科技园路1号阳光小区3栋2单元501室' });
    expect(m?.masked).toBe('广东省深圳市' + '*'.repeat(22));
  });

  it('leaves the verb in front of an address out of it, but keeps 成都', () => {
    expect(detectPii('地址换成杭州市西湖区文三路100号')[0]).toMatchObject({ text: '杭州市西湖区文三路100号', masked: '杭州市' + '*'.repeat(10) });
    expect(detectPii('改成成都市武侯区人民南路4段1号')[0]?.text).toBe('成都市武侯区人民南路4段1号');
  });

  it('keeps a municipality and masks the district', () => {
    expect(maskPii('地址：北京市朝阳区建国路88号')).toBe('地址：北京市*********');
  });

  it('accepts a building-level address without a city when it has several markers', () => {
    expect(detectPii('幸福小区3栋2单元501室')[0]).toMatchObject({ type: 'address', masked: '*'.repeat(13) });
  });

  it('takes a named street with a number as an address, but not a bare 88号', () => {
    expect(detectPii('送到人民路88号')[0]).toMatchObject({ type: 'address', text: '人民路88号', masked: '******' });
    expect(detectPii('路88号')).toEqual([]);
  });

  it('does not call a lone 小区 or 3栋 an address', () => {
    expect(detectPii('小区门口有快递柜吗')).toEqual([]);
    expect(detectPii('我住3栋')).toEqual([]);
  });
});

describe('maskPii', () => {
  it('replaces every detection and leaves the rest of the message alone', () => {
    expect(maskPii('手机13812345678，邮箱zhang@example.com，身份证11010519491231002X')).toBe(
      '手机138****5678，邮箱z***@example.com，身份证110105********002X',
    );
  });

  it('returns text without personal data unchanged', () => {
    expect(maskPii('我的快递到哪了？')).toBe('我的快递到哪了？');
  });
});
