import type { TextSpan } from './text-span.js';

const PROVINCE =
  '(?:北京|上海|天津|重庆)市?|(?:河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾)省?' +
  '|内蒙古(?:自治区)?|广西(?:壮族自治区)?|西藏(?:自治区)?|宁夏(?:回族自治区)?|新疆(?:维吾尔自治区)?|香港(?:特别行政区)?|澳门(?:特别行政区)?';
// Characters that end a place name going leftwards: pronouns, verbs and particles of the sentence
// around the address ("我家住在…", "寄到…").
const STOP = '我你他她您住在是到寄送址的和与或从往给至于为请帮麻烦了吗呢吧啊';
const PLACE_CHAR = `(?:(?![${STOP}])\\p{Script=Han})`;
const ADMIN = new RegExp(
  `^(?<province>${PROVINCE})?(?<city>${PLACE_CHAR}{2,4}?(?:市|自治州|地区|盟))?(?<district>${PLACE_CHAR}{1,5}?(?:区(?<!小区|社区)|县|旗|市))?`,
  'u',
);
const CN_DIGIT = '0-9一二三四五六七八九十百零';
const MARKER = new RegExp(
  `(?:路|街|大道|巷|弄|胡同)(?:[${CN_DIGIT}]{1,3}段)?[${CN_DIGIT}]{1,5}号(?:院)?` +
    '|小区|花园|大厦|公寓|家园|新村|社区' +
    `|[${CN_DIGIT}A-Za-z]{1,4}(?:栋|幢|号楼|座)` +
    `|[${CN_DIGIT}]{1,3}单元` +
    '|[0-9]{1,5}(?:室|房)',
  'gu',
);
// Verbs that survive the stop characters because they are ordinary Han ("换成杭州市…"); trimmed as
// whole words so 成都 keeps its 成.
const LEADING_VERB = /^(?:换成|改成|改为|换为|变成|填成|写成|更改为|修改为|更新为|搬去|搬|迁往|迁到)/;
const ROAD = /^(?:路|街|大道|巷|弄|胡同)/;
const LEFT_CHAR = new RegExp(`^(?:${PLACE_CHAR}|[0-9A-Za-z])$`, 'u');
const BETWEEN_CHAR = /^[\p{Script=Han}0-9A-Za-z#-]$/u;
const MAX_LEFT = 24;
const MAX_GAP = 12;

/** A postal address; `keep` is how many leading characters (province + city) survive masking. */
export type AddressSpan = TextSpan & { keep: number; hasAdmin: boolean; markers: number };

/**
 * Finds mainland postal addresses in folded text: an optional province / city / district prefix
 * followed by street-level detail (路…号, 小区, 栋, 单元, 室). Anchored on the detail markers and
 * grown leftwards, so the cost stays linear on long input.
 *
 * @example findPostalAddresses('寄到北京市朝阳区建国路88号')[0]?.text // → '北京市朝阳区建国路88号'
 */
export function findPostalAddresses(text: string): AddressSpan[] {
  // A street number (建国路88号) is specific enough to count as two markers on its own.
  const markers = [...text.matchAll(MARKER)].map((m) => ({ start: m.index, end: m.index + m[0].length, weight: ROAD.test(m[0]) ? 2 : 1 }));
  const out: AddressSpan[] = [];
  let i = 0;
  while (i < markers.length) {
    const first = markers[i];
    if (!first) break;
    let end = first.end;
    let count = first.weight;
    let j = i + 1;
    for (; j < markers.length; j++) {
      const next = markers[j];
      if (!next || next.start - end > MAX_GAP || !onlyAddressChars(text, end, next.start)) break;
      end = next.end;
      count += next.weight;
    }
    i = j;
    let start = first.start;
    while (start > 0 && first.start - start < MAX_LEFT && LEFT_CHAR.test(text[start - 1] ?? '')) start--;
    start += LEADING_VERB.exec(text.slice(start, first.start))?.[0].length ?? 0;
    if (out.length > 0 && start < (out[out.length - 1]?.end ?? 0)) continue;
    const body = text.slice(start, end);
    const admin = ADMIN.exec(body);
    const province = admin?.groups?.province ?? '';
    const city = admin?.groups?.city ?? '';
    const hasAdmin = (admin?.[0].length ?? 0) > 0;
    // One marker without any place name ("3栋", "小区") is too weak to call an address, and so is a
    // street number with no street name in front of it.
    if (!hasAdmin && (count < 2 || start === first.start)) continue;
    out.push({ start, end, text: body, value: body, keep: province.length + city.length, hasAdmin, markers: count });
  }
  return out;
}

function onlyAddressChars(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (!BETWEEN_CHAR.test(text[k] ?? '')) return false;
  return true;
}
