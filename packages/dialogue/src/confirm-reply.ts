import { toPlainText } from './plain-text.js';

// "没问题，提交吧", "嗯这回对了，提交", "對，確認" (read after simplification), "ok 提交": a yes that says more.
const YES_LEAD = /^(?:嗯+|好+的?|行|可以|没问题|没错|对+的?|是+的?|确认|确定|ok(?:ay)?|yes(?!terday)|yeah|yep|yup|sure|correct|thatsright|goahead|pleasedo|提交|就这么|就这样)/i;
const NO_LEAD = /^(?:不|别|取消|算了|先不|再想想|no(?!t)|nope|cancel)/i;
const DONT_DO_IT = /^(?:那|那就|还是|先)*(?:别|不要|不用|不)(?:取消|提交|办理?|退|换|改|开|挂失|预约|申请|重置)(?:了|吧|啦|啊)*$/;
// Anything after the yes that takes it back or changes something: "好的，不过地址改一下", "对，但是等一下" — but not
// "对，就改这个" / "好，就换这个", which agree to the very change shown.
const HEDGE = /不(?!错)|别|取消|算了|等等|等一下|等下|但是|不过|(?<!就)改(?!成这个|这个|吧)|(?<!就)换(?!成这个|这个|吧)/;

const YES_THEN_VERB = /^(?:(?:好|行|可以|对|嗯|是)[的吧啊]?)?(?:那就?|就|那你|帮我|给我|麻烦)?(催促|催|加急|取消|提交|办理|预约|挂失|退货|换货|修改|重置|报修|改|退|换|开|寄|补)(?:一下|吧|了|掉|呗|啊)*$/;
const BY_THE_WAY = /^(?:哦|噢|诶|欸)?对了(?:先|顺便|另外|再|帮我|给我|我想|我要|问一下|请问|还有)/;
const QUESTION_END = /(?:吗|么|呢|没有?|不)[?？]?$|[?？]$/;

/**
 * Reads a free answer to a yes/no confirmation: 'yes' for an agreement that says more ("没问题，提交吧"),
 * 'no' for a refusal, null when the message is something else (a question, a change, a hedge).
 * `prompt` is the confirmation asked: a yes that repeats its verb ("好，那取消" to "确定要取消…吗？") is a yes.
 * @example readConfirmReply('嗯这回对了，提交') // 'yes'
 */
export function readConfirmReply(text: string, prompt = ''): 'yes' | 'no' | null {
  const plain = toPlainText(text);
  if (plain === '') return null;
  // "好，那取消" to "确定要取消订单…吗？", "催" to "需要我为您催促快递吗？": the very verb the question asks about.
  const echo = YES_THEN_VERB.exec(plain)?.[1];
  if (echo && prompt.includes(echo)) return 'yes';
  // "等等……我老婆说还是要的，先别取消了": the last clause is the answer.
  const last = toPlainText(text.split(/[\s，,。.；;！!？?…]+/).filter((c) => toPlainText(c) !== '').at(-1) ?? '');
  if (DONT_DO_IT.test(last)) return 'no';
  // "对了，先帮我查下物流": "对了" opens another request here, it agrees to nothing.
  if (BY_THE_WAY.test(plain)) return null;
  // "取消的话我用的券还退回来吗": a question that opens with the word on the button asks before answering.
  if (plain.length > 4 && QUESTION_END.test(text.trim())) return null;
  const yes = YES_LEAD.exec(plain);
  if (yes) return HEDGE.test(plain.slice(yes[0].length)) ? null : 'yes';
  return NO_LEAD.test(plain) ? 'no' : null;
}
