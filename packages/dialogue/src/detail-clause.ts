import type { NluParse } from './nlu-parse.js';

// The words a customer puts before a number to say what it is ("单号", "订单：", "手机号是").
const IDENTIFIER_LABEL = /订单编号|订单号|快递单号|运单号|工单号|申请编号|受理编号|编号|单号|订单|手机号码?|电话号码?|号码|卡号|账号|身份证号?|宽带账号|order(?:\s*(?:no|number))?|no\.?|#|是|为|的/gi;
const FILLER = /[\s\p{P}\p{S}]/gu;

/**
 * The clause says nothing but values and the words that name them ("单号20261122900124", "订单：2026…"): it is a
 * detail of whatever the rest of the message asks, not a request of its own. Parsed alone, such a clause reads as
 * the task customers most often send a bare number for (查订单), which must not outweigh the verb beside it
 * ("退货，单号…").
 * @example onlyNamesValues({ text: '单号20261122900124', nlu }) // true when the NLU found the order number
 */
export function onlyNamesValues(clause: { text: string; nlu: Pick<NluParse, 'entities'> }): boolean {
  const { text, nlu } = clause;
  if (nlu.entities.length === 0) return false;
  let rest = text;
  // Spans are offsets into the clause's own text; cut from the end so earlier offsets stay valid.
  for (const e of [...nlu.entities].sort((a, b) => b.start - a.start)) {
    if (e.start < 0 || e.end > rest.length || e.start >= e.end) return false;
    rest = rest.slice(0, e.start) + ' ' + rest.slice(e.end);
  }
  return rest.replace(IDENTIFIER_LABEL, '').replace(FILLER, '').length === 0;
}
