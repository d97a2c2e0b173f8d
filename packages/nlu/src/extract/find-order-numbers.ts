import type { TextSpan } from './text-span.js';

/**
 * The default shape of an order number: 1–4 capital letters and 8–24 digits (DD2024…, E2026…), or a
 * bare run of 10–20 digits — the shape packages/dialogue's `order_id` validator accepts. Tenants
 * with their own scheme pass their own pattern.
 */
export const DEFAULT_ORDER_NUMBER_PATTERN = /(?<![A-Za-z0-9])(?:[A-Z]{1,4}\d{8,24}|\d{10,20})(?![A-Za-z0-9])/;
const ORDER_CONTEXT = /(订单|单号|order)\S{0,3}\s?$/i;
// A number introduced as an ID, card, account or phone is not an order even when its checks fail.
const OTHER_CONTEXT = /(身份证|证件|卡号|账号|帐号|手机|电话|流水号|尾号|密码|验证码)\S{0,3}\s?$/;

/** An order number; `contextual` is true when the customer introduced it (订单号…). */
export type OrderNumberSpan = TextSpan & { contextual: boolean };

/**
 * Finds order numbers in folded text with the given pattern (its flags are kept, `g` is added).
 *
 * @example findOrderNumbers('订单号DD20241125000123')[0]?.value // → 'DD20241125000123'
 */
export function findOrderNumbers(text: string, pattern: RegExp = DEFAULT_ORDER_NUMBER_PATTERN): OrderNumberSpan[] {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : pattern.flags + 'g');
  const out: OrderNumberSpan[] = [];
  for (const m of text.matchAll(global)) {
    if (m[0].length === 0) continue;
    const before = text.slice(Math.max(0, m.index - 8), m.index);
    if (OTHER_CONTEXT.test(before)) continue;
    const contextual = /^[A-Za-z]/.test(m[0]) || ORDER_CONTEXT.test(before);
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value: m[0].toUpperCase(), contextual });
  }
  return out;
}
