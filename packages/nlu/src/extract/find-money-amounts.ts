import { CHINESE_NUMERAL_CHARS, parseChineseNumeral } from './chinese-numeral.js';
import type { TextSpan } from './text-span.js';

/**
 * A money amount in text; `amount` is in the currency's main unit (元 for CNY). `approximate` marks
 * "300多块" (a bit over 300), where `amount` is the lower bound.
 */
export type MoneySpan = TextSpan & { amount: number; currency: 'CNY' | 'USD'; bare: boolean; approximate: boolean };

const NUMBER = '(?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d+)?';
const MULTIPLIER = '[万千百亿]';
const CNY_UNIT = '元|块钱|块|圆|人民币|rmb';
const USD_UNIT = '美元|美金|刀|usd';
const CN = `[${CHINESE_NUMERAL_CHARS}]`;
const MONEY = new RegExp(
  `(?<![\\d.,])(?:` +
    `(?<sym>[¥$])\\s?(?<symNum>${NUMBER})(?<symMul>${MULTIPLIER})?(?:元|块)?` +
    `|(?<num>${NUMBER})\\s?(?<mul>${MULTIPLIER})?(?<numMore>多)?\\s?(?<unit>${CNY_UNIT}|${USD_UNIT})` +
    `|(?<bareNum>${NUMBER})(?<bareMul>[万亿])(?![\\d件个台箱瓶盒双份包条张只支套袋斤人次年月天号步公米里])` +
    `|(?<cn>${CN}{1,12})(?<cnMore>多)?(?<cnUnit>${CNY_UNIT}|${USD_UNIT})(?<jiao>[一二三四五六七八九](?:毛|角)?)?` +
    `)`,
  'gi',
);
const MULTIPLIERS: Record<string, number> = { 百: 100, 千: 1000, 万: 1e4, 亿: 1e8 };
const JIAO: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

function toNumber(digits: string, multiplier: string | undefined): number {
  const n = Number(digits.replace(/,/g, '')) * (multiplier ? (MULTIPLIERS[multiplier] ?? 1) : 1);
  return Math.round(n * 100) / 100;
}

function currencyOf(unit: string | undefined, symbol?: string): 'CNY' | 'USD' {
  if (symbol === '$') return 'USD';
  return unit && /美元|美金|刀|usd/i.test(unit) ? 'USD' : 'CNY';
}

/**
 * Finds money amounts in folded text: "300元", "¥1,299.50", "三百块", "两千五百元", "三块五", "1.5万".
 * A bare "1.5万" with no currency word is reported with `bare: true` so callers can trust it less.
 *
 * @example findMoneyAmounts('一共两千五百元')[0]?.amount // → 2500
 */
export function findMoneyAmounts(text: string): MoneySpan[] {
  const out: MoneySpan[] = [];
  MONEY.lastIndex = 0;
  for (let m = MONEY.exec(text); m !== null; m = MONEY.exec(text)) {
    const g = m.groups ?? {};
    let amount: number | undefined;
    let currency: 'CNY' | 'USD' = 'CNY';
    let bare = false;
    if (g.symNum !== undefined) {
      amount = toNumber(g.symNum, g.symMul);
      currency = currencyOf(undefined, g.sym);
    } else if (g.num !== undefined) {
      amount = toNumber(g.num, g.mul);
      currency = currencyOf(g.unit);
    } else if (g.bareNum !== undefined) {
      amount = toNumber(g.bareNum, g.bareMul);
      bare = true;
    } else if (g.cn !== undefined) {
      const whole = parseChineseNumeral(g.cn);
      if (whole === undefined) continue;
      const jiao = g.jiao ? (JIAO[g.jiao[0] ?? ''] ?? 0) : 0;
      amount = Math.round((whole + jiao / 10) * 100) / 100;
      currency = currencyOf(g.cnUnit);
    }
    if (amount === undefined || !Number.isFinite(amount)) continue;
    const approximate = g.numMore !== undefined || g.cnMore !== undefined;
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], value: String(amount), amount, currency, bare, approximate });
  }
  return out;
}
