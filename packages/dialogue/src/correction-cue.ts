import { stripDenials } from './strip-denials.js';

// An interjection or a pause may come first: "哦打错了，是…", "诶等下，…", "等等，不是这张…".
const LEAD_IN = String.raw`(?:(?:哦+|噢+|喔+|啊+|呃+|额+|嗯+|哎+|唉+|诶+|欸+|哎呀|啊呀|哎哟|等等|等一下|等下|稍等|不好意思|抱歉|对不起)[，,。.!！~～\s]*)*`;
const CORRECTION_LEAD = new RegExp(String.raw`^\s*${LEAD_IN}((?:不对|不是|错了|搞错了|弄错了|更正一下|更正|纠正一下|(?:sorry|no|wrong)\b).*)$`, 'is');
// Words that only announced the correction; "不是" stays, it says which value is NOT meant (see stripDenials).
const ANNOUNCEMENT = /^(?:(?:不对|错了|搞错了|弄错了|更正一下|更正|纠正一下|sorry|no|wrong)[，,。.!！\s]*)+/i;
// Owning up to a slip anywhere in the message: "单号我输错了", "原因选错了", "复制错了", "回执看错了".
// Mixing two things up is a slip too: "两个单号记混了", "看串行了", "给成我老婆的了".
const SLIP = /(?:输|打|写|填|搞|弄|记|说|发|给|抄|念|复制|粘贴|贴|选|点|看|按|传|报)(?:错|反|混|串)了?|(?:发|给|写|填)成了?(?:别的|另一个|另外一个)|\b(?:my (?:mistake|bad)|typo)\b/i;
// "你们把地址打错了" is a complaint about someone else's slip, not a correction of the customer's own answer.
const SOMEONE_ELSE = /你们|他们|商家|卖家|快递员?|客服|师傅/;
const CORRECTION_INNER = /(?:改成|改为|换成|应该是|更正为|更正成|是这个|我说的是|我要的是|我指的是|其实是|正确的是|对的是|change(?:d)?\s+(?:it\s+)?to|i meant|it should be|should be|the right one is|the correct one is)\s*[:：]?\s*(.+)$/is;

/**
 * Reads a correction of an earlier answer: the part of the message that carries the corrected value, with the
 * clauses it denies taken out ("不是前天"), or null when the message corrects nothing.
 * @example readCorrection('不对，订单号是E202611250002') // { valueText: '订单号是E202611250002' }
 * @example readCorrection('诶等下，单号我输错了，应该是E202611200007') // { valueText: '应该是E202611200007' }
 */
export function readCorrection(text: string): { valueText: string } | null {
  const lead = CORRECTION_LEAD.exec(text)?.[1];
  if (lead) {
    const valueText = tidy(stripDenials(lead).replace(ANNOUNCEMENT, ''));
    if (valueText !== '') return { valueText };
  }
  const slip = SLIP.exec(text);
  if (slip && !SOMEONE_ELSE.test(text.slice(0, slip.index))) {
    const after = tidy(stripDenials(text.slice(slip.index + slip[0].length)));
    // "是lihua@163.com，刚才打错了": the value may come before the slip.
    const valueText = after !== '' ? after : tidy(stripDenials(text.slice(0, slip.index)));
    if (valueText !== '') return { valueText };
  }
  const inner = CORRECTION_INNER.exec(text)?.[1];
  const valueText = inner === undefined ? '' : tidy(stripDenials(inner));
  return valueText !== '' ? { valueText } : null;
}

/** Without the punctuation and spaces a cut leaves at either end. */
function tidy(text: string): string {
  return text.replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}
