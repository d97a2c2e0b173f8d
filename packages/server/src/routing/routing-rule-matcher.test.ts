import { describe, expect, it } from 'vitest';
import { matchRoutingRule, type RoutingRule } from './routing-rule-matcher.js';

const rule = (id: string, over: Partial<RoutingRule> = {}): RoutingRule => ({ id, position: 0, active: true, categoryKeys: [], keywords: [], customerTiers: [], groupId: `group-${id}`, ...over });
const subject = (over: Partial<{ categoryKey: string | null; text: string; customerTier: string | null }> = {}) => ({ categoryKey: null, text: '', customerTier: null, ...over });

describe('routing rule matcher', () => {
  it('matches a rule by category key', () => {
    const rules = [rule('refund', { categoryKeys: ['refund', 'return_exchange'] })];
    expect(matchRoutingRule(rules, subject({ categoryKey: 'return_exchange' }))?.id).toBe('refund');
    expect(matchRoutingRule(rules, subject({ categoryKey: 'invoice' }))).toBeNull();
    expect(matchRoutingRule(rules, subject({ categoryKey: null }))).toBeNull();
  });

  it('matches when any keyword occurs in the text', () => {
    const rules = [rule('complaint', { keywords: ['投诉', '12315'] })];
    expect(matchRoutingRule(rules, subject({ text: '再不处理我就去12315' }))?.id).toBe('complaint');
    expect(matchRoutingRule(rules, subject({ text: '我要投诉你们' }))?.id).toBe('complaint');
    expect(matchRoutingRule(rules, subject({ text: '请问发票怎么开' }))).toBeNull();
  });

  it('normalises text and keywords: traditional to simplified, full-width to half-width, case and spaces', () => {
    expect(matchRoutingRule([rule('r', { keywords: ['退货'] })], subject({ text: '我想退貨，可以嗎' }))?.id).toBe('r');
    expect(matchRoutingRule([rule('r', { keywords: ['iPhone 15'] })], subject({ text: '我的ＩＰＨＯＮＥ　１５坏了' }))?.id).toBe('r');
    expect(matchRoutingRule([rule('r', { keywords: ['  發票 '] })], subject({ text: '发票抬头错了' }))?.id).toBe('r');
  });

  it('matches the customer tier regardless of case and width', () => {
    const rules = [rule('vip', { customerTiers: ['VIP', 'gold'] })];
    expect(matchRoutingRule(rules, subject({ customerTier: 'vip' }))?.id).toBe('vip');
    expect(matchRoutingRule(rules, subject({ customerTier: 'ＧＯＬＤ' }))?.id).toBe('vip');
    expect(matchRoutingRule(rules, subject({ customerTier: 'silver' }))).toBeNull();
    expect(matchRoutingRule(rules, subject({ customerTier: null }))).toBeNull();
  });

  it('needs every non-empty condition to match', () => {
    const rules = [rule('vip-refund', { categoryKeys: ['refund'], keywords: ['加急'], customerTiers: ['vip'] })];
    expect(matchRoutingRule(rules, subject({ categoryKey: 'refund', text: '请加急处理', customerTier: 'vip' }))?.id).toBe('vip-refund');
    expect(matchRoutingRule(rules, subject({ categoryKey: 'refund', text: '请加急处理', customerTier: 'normal' }))).toBeNull();
    expect(matchRoutingRule(rules, subject({ categoryKey: 'refund', text: '普通处理', customerTier: 'vip' }))).toBeNull();
    expect(matchRoutingRule(rules, subject({ categoryKey: 'invoice', text: '请加急处理', customerTier: 'vip' }))).toBeNull();
  });

  it('returns the first match by position, not by array order', () => {
    const rules = [rule('late', { position: 20, keywords: ['退款'] }), rule('early', { position: 10, keywords: ['退款'] }), rule('later', { position: 30 })];
    expect(matchRoutingRule(rules, subject({ text: '退款没到账' }))?.id).toBe('early');
    expect(matchRoutingRule(rules, subject({ text: '别的事' }))?.id).toBe('later');
  });

  it('keeps the given order among rules at the same position', () => {
    const rules = [rule('first', { keywords: ['退款'] }), rule('second', { keywords: ['退款'] })];
    expect(matchRoutingRule(rules, subject({ text: '退款' }))?.id).toBe('first');
  });

  it('skips inactive rules', () => {
    const rules = [rule('off', { active: false, keywords: ['退款'] }), rule('on', { position: 1, keywords: ['退款'] })];
    expect(matchRoutingRule(rules, subject({ text: '退款' }))?.id).toBe('on');
  });

  it('treats a rule without conditions as a catch-all, but one with only blank keywords as matching nothing', () => {
    expect(matchRoutingRule([rule('all')], subject({ text: '随便什么' }))?.id).toBe('all');
    expect(matchRoutingRule([rule('blank', { keywords: ['  ', ''] })], subject({ text: '随便什么' }))).toBeNull();
  });

  it('returns null for no rules', () => {
    expect(matchRoutingRule([], subject({ text: '退款' }))).toBeNull();
  });
});
