import { toPlainText } from './plain-text.js';

// "没问题，提交吧", "嗯这回对了，提交", "對，確認" (read after simplification), "ok 提交": a yes that says more.
const YES_LEAD = /^(?:嗯+|好+的?|行|可以|没问题|没错|对+的?|是+的?|确认|确定|ok(?:ay)?|yes|sure|提交|就这么|就这样)/i;
const NO_LEAD = /^(?:不|别|取消|算了|先不|再想想|no(?!t)|nope|cancel)/i;
// Anything after the yes that takes it back or changes something: "好的，不过地址改一下", "对，但是等一下".
const HEDGE = /不(?!错)|别|取消|算了|等等|等一下|等下|但是|不过|改|换/;

/**
 * Reads a free answer to a yes/no confirmation: 'yes' for an agreement that says more ("没问题，提交吧"),
 * 'no' for a refusal, null when the message is something else (a question, a change, a hedge).
 * @example readConfirmReply('嗯这回对了，提交') // 'yes'
 */
export function readConfirmReply(text: string): 'yes' | 'no' | null {
  const plain = toPlainText(text);
  if (plain === '') return null;
  const yes = YES_LEAD.exec(plain);
  if (yes) return HEDGE.test(plain.slice(yes[0].length)) ? null : 'yes';
  return NO_LEAD.test(plain) ? 'no' : null;
}
