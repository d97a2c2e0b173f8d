import { describe, expect, it } from 'vitest';
import { renderCannedReply } from './canned-reply-renderer.js';

describe('canned reply variables', () => {
  it('fills every known variable', () => {
    const r = renderCannedReply('您好{customerName}，我是{agentName}。订单 {orderNumber} 的工单 {ticketNumber} 已处理', { customerName: '王先生', agentName: '小李', orderNumber: '20261118883301', ticketNumber: 'GD202612060007' });
    expect(r).toEqual({ text: '您好王先生，我是小李。订单 20261118883301 的工单 GD202612060007 已处理', missing: [], unknown: [] });
  });

  it('reads the templates’ double braces and their orderNo spelling', () => {
    expect(renderCannedReply('您好{{customerName}}，订单{{orderNo}}', { customerName: '张女士', orderNumber: '123456789' }).text).toBe('您好张女士，订单123456789');
  });

  it('leaves a variable with no value visible and reports it', () => {
    const r = renderCannedReply('您好{customerName}，订单 {orderNumber}', { customerName: '王先生', orderNumber: null });
    expect(r).toEqual({ text: '您好王先生，订单 {orderNumber}', missing: ['orderNumber'], unknown: [] });
  });

  it('leaves an unknown variable visible and reports it, once', () => {
    const r = renderCannedReply('{coupon} 和 {coupon}，{customerName}', { customerName: '王先生' });
    expect(r).toEqual({ text: '{coupon} 和 {coupon}，王先生', missing: [], unknown: ['coupon'] });
  });

  it('leaves text in braces that is no placeholder alone', () => {
    expect(renderCannedReply('格式 {a b} 与 {}', {})).toEqual({ text: '格式 {a b} 与 {}', missing: [], unknown: [] });
  });
});
