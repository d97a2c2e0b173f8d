import { toPlainText } from './plain-text.js';

// Words that can surround a bare answer ("订单号是…", "就这个吧"); anything else around the value is a request of its own.
const ANSWER_FILLER = /订单号|订单|单号|号码|手机号|手机|身份证号|卡号|尾号|验证码|日期|编号|账号|我的|就是|应该是|是|这个|那个|的|吧|啊|呀|哦|嗯|了|好|my|order|number|is|it|the/g;

/**
 * The message is essentially the value itself, so it cannot also ask for something else.
 * @example isBareAnswer('订单号是E202611250001', 'E202611250001') // true
 */
export function isBareAnswer(text: string, value: string): boolean {
  const plain = toPlainText(text);
  // "上个月的" is read as "2026-10": a message this short has no room for another request.
  return plain.length <= 5 || plain.replace(toPlainText(value), '').replace(ANSWER_FILLER, '').length <= 1;
}
