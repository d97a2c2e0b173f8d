import { isLuhnValid } from './luhn.js';
import type { TextSpan } from './text-span.js';

const CARD = /(?<![\d-])(?:\d[ -]?){15,18}\d(?![\d-])/g;
// UnionPay (62), Visa (4), Mastercard (5), Amex/JCB (3) and a few old domestic 9-prefixed cards.
const ISSUER_FIRST_DIGIT = /^[3-69]/;
// A Luhn-valid 16-digit number right after 订单号 is an order number, one time in ten.
const NOT_A_CARD_CONTEXT = /(订单|单号|运单|快递|物流|工单|编号|order)\S{0,3}\s?$/i;

/**
 * Finds bank card numbers (16–19 digits, optionally grouped) that pass the Luhn check in folded text.
 *
 * @example findBankCards('卡号 6222 0212 3456 7896')  // one span, value '6222021234567896' if Luhn-valid
 */
export function findBankCards(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(CARD)) {
    const value = m[0].replace(/[ -]/g, '');
    if (value.length < 16 || value.length > 19) continue;
    if (!ISSUER_FIRST_DIGIT.test(value) || !isLuhnValid(value)) continue;
    if (NOT_A_CARD_CONTEXT.test(text.slice(Math.max(0, m.index - 8), m.index))) continue;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value });
  }
  return out;
}
