import type { TextSpan } from './text-span.js';

const CARRIERS: [carrier: string, pattern: string][] = [
  ['sf', 'SF\\d{12,15}'],
  ['yto', 'YT\\d{13,16}'],
  ['jd', 'JD[A-Z]{0,4}\\d{10,16}'],
  ['jt', 'JT\\d{13}'],
  ['ems', 'E[A-Z]\\d{9}CN'],
  ['deppon', 'DPK\\d{12,15}'],
];
const PREFIXED = new RegExp(
  `(?<![A-Za-z0-9])(?:${CARRIERS.map(([c, p]) => `(?<${c}>${p})`).join('|')})(?![A-Za-z0-9])`,
  'gi',
);
// ZTO, STO, Yunda and EMS domestic numbers are plain digits: only trust them when introduced as
// such, by a waybill word or a carrier name.
const DIGITS_AFTER_CONTEXT =
  /(?:快递单号|运单号|物流单号|快递号|运单|单号是?|中通|圆通|申通|韵达|顺丰|京东|邮政|ems|极兔|德邦|百世)(?:快递)?[:\s]{0,2}([A-Z]{0,4}\d{10,16})(?![\dA-Za-z])/gi;

/** A parcel tracking number; `carrier` is known for letter-prefixed ones. */
export type TrackingSpan = TextSpan & { carrier?: string };

/**
 * Finds parcel tracking numbers in folded text: SF…, YT…, JD…, JT…, EMS E?…CN, or digits after 运单号.
 *
 * @example findTrackingNumbers('顺丰单号SF1234567890123')[0]?.carrier // → 'sf'
 */
export function findTrackingNumbers(text: string): TrackingSpan[] {
  const out: TrackingSpan[] = [];
  for (const m of text.matchAll(PREFIXED)) {
    const carrier = CARRIERS.find(([c]) => m.groups?.[c] !== undefined)?.[0];
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value: m[0].toUpperCase(), carrier });
  }
  for (const m of text.matchAll(DIGITS_AFTER_CONTEXT)) {
    const digits = (m[1] ?? '').toUpperCase();
    const start = m.index + m[0].length - digits.length;
    // 运单号 is tracking; a bare 单号 is only tracking when the sentence talks about delivery.
    if (/^单号/.test(m[0]) && !/快递|物流|包裹|运单|派送|签收/.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (out.some((o) => o.start === start)) continue;
    out.push({ start, end: start + digits.length, text: m[1] ?? '', value: digits });
  }
  return out;
}
