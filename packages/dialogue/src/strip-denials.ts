// "不要129的，要99的那个", "卡没丢，是卡坏了", "是昨天，不是前天": a clause that opens with a denial (after at most a
// two-character subject) names the value the customer does NOT mean; "还没付款的那单" deep inside a clause describes one.
const DENIED_CLAUSE = /(^|[，,。；;！!？?\s])[^，,。；;！!？?\s]{0,2}?(?:并不是|不是|并没有|没有|没|不要|不用|别)[^，,。；;！!？?\s]{0,16}/g;
// The rest of the message must still say what is meant: "不要了" alone is an answer, not a denial.
const AFFIRMED = /是|要|换成|改成|改为|而是|应该/;

/**
 * The message without the clauses it denies, when it also affirms something else; otherwise the message as it is.
 * @example stripDenials('不要129的，要99的那个') // '，要99的那个'
 * @example stripDenials('不想要了') // '不想要了'
 */
export function stripDenials(text: string): string {
  const stripped = text.replace(DENIED_CLAUSE, '$1 ');
  return stripped !== text && AFFIRMED.test(stripped) && stripped.replace(/[\s\p{P}]/gu, '') !== '' ? stripped : text;
}
