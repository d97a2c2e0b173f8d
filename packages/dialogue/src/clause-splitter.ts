import { toPlainText } from './plain-text.js';

// Sentence punctuation (not a decimal point) and the words that chain a second request or question onto a first.
// "另外一个订单" and "还有没有货" are references and questions, not joints.
const JOINT = /[，,。；;？?！!\n]|\.(?!\d)|顺便|另外(?!一个|那个|的)|还有(?!没有|多少|几)|还想问|再问一下|以及|\band also\b|\balso\b|\bbtw\b|\bby the way\b|\band\b/giu;
// What leads into the question itself ("顺便问下怎么开发票" asks "怎么开发票"); stripped so the NLU sees the question alone.
const LEAD_IN = /^(?:[\s,，、]|再(?!见)|也|顺便|另外(?!一个|那个|的)|还有(?!没有|多少|几)|(?:我还?)?想(?:问|知道|了解)(?:一下|下|问)?|问下|问一下|问问|请问|咨询一下|i (?:also )?(?:want|would like) to (?:ask|know)|also|and)+/iu;

/**
 * Splits a customer message into its clauses, for parsing each on its own: "我想退货，运费谁出" is a task and a question.
 * Joining words and lead-ins ("顺便问下") are dropped; fragments without two meaningful characters are left out.
 * @example splitClauses('帮我查一下话费，顺便问下怎么开发票') // ['帮我查一下话费', '怎么开发票']
 */
export function splitClauses(text: string): string[] {
  return text
    .split(JOINT)
    .map((part) => part.trim().replace(LEAD_IN, '').trim())
    .filter((part) => toPlainText(part).length >= 2);
}
