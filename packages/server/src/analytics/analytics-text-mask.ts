import { maskPii } from '@zhida/nlu';

// Order, waybill and account numbers are not personal data to the NLU's detector, but they lead
// straight to a person: long digit runs (8+) and letter-prefixed codes keep only their last 4.
const LONG_NUMBER = /(?<![A-Za-z0-9])([A-Za-z]{0,4}\d{4,})(\d{4})(?![A-Za-z0-9])/g;
// Our own row ids lead nowhere outside Zhida, and about one random UUID in forty has an all-digit
// first group that LONG_NUMBER would mask, cutting the event off from its ticket or conversation.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What analytics may keep of free text a customer typed: phone, ID, card, e-mail and address
 * masked by the NLU's PII detector, then order-like numbers.
 * @example
 * maskAnalyticsText('订单 20261207123456 没到，电话 13812345678') // '订单 **********3456 没到，电话 138****5678'
 */
export function maskAnalyticsText(text: string): string {
  return maskPii(text).replace(LONG_NUMBER, (_m, head: string, tail: string) => '*'.repeat(head.length) + tail);
}

/** Masks every string inside a props object (arrays and nested objects too). */
export function maskProps(value: unknown): unknown {
  if (typeof value === 'string') return UUID.test(value) ? value : maskAnalyticsText(value);
  if (Array.isArray(value)) return value.map(maskProps);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskProps(v)]));
  return value;
}
