/**
 * Traditional → Simplified pairs for the characters our lexicons and patterns care about
 * (dates, money, addresses, emotion and risk cues). Deliberately small: a one-to-one
 * character map keeps every offset valid, which a phrase-level converter cannot promise.
 */
const TRADITIONAL_PAIRS =
  '點点週周號号後后時时萬万兩两塊块錢钱個个報报記记監监訴诉滿满謝谢訂订單单貨货換换電电話话碼码' +
  '銀银證证戶户區区縣县鎮镇樓楼棟栋門门東东這这來来買买賣卖價价費费員员聯联網网務务質质問问題题' +
  '麼么為为氣气憤愤罵骂騙骗爛烂極极壞坏遲迟還还沒没嗎吗緊紧馬马趕赶擔担憂忧慮虑著着讓让說说無无' +
  '語语愛爱讚赞贊赞開开幫帮給给體体驗验歡欢樂乐辦办處处應应該该對对錯错書书師师輕轻殺杀協协會会' +
  '險险總总場场權权賠赔償偿額额億亿貳贰參参陸陆園园莊庄廣广長长陽阳鄉乡內内灣湾龍龙鐘钟頭头現现' +
  '剛刚過过將将於于與与從从種种幾几隻只條条臺台雙双噸吨輛辆間间層层歲岁級级發发運运順顺達达圓圆' +
  '遞递郵邮標标補补優优紅红積积帳账賬账餘余詢询詳详細细狀状態态確确認认維维損损貴贵劃划圖图視视' +
  '頻频聽听見见覺觉們们別别討讨厭厌噁恶惡恶媽妈滾滚詐诈瞞瞒謊谎經经負负責责領领導导舉举庫库幣币' +
  '專专業业產产寶宝黃黄蘇苏廈厦鐵铁軟软禮礼錶表夠够實实慘惨煩烦熱热聞闻訊讯絡络結结輿舆論论騷骚' +
  '擾扰鬧闹團团購购麵面飯饭廳厅嗎吗謊谎傷伤跳跳盡尽趕赶緩缓慢慢準准備备蹤踪據据術术館馆雜杂醫医' +
  '療疗藥药學学習习齊齐顏颜計计劃划談谈調调節节這这辦办關关係系';

const TRADITIONAL_TO_SIMPLIFIED: ReadonlyMap<number, number> = (() => {
  const map = new Map<number, number>();
  for (let i = 0; i + 1 < TRADITIONAL_PAIRS.length; i += 2) {
    const from = TRADITIONAL_PAIRS.charCodeAt(i);
    const to = TRADITIONAL_PAIRS.charCodeAt(i + 1);
    if (from !== to) map.set(from, to);
  }
  return map;
})();

/**
 * Folds full-width ASCII (NFKC's effect on ０-９, Ａ-Ｚ, ！, ？…), the ideographic space, ￥ and the
 * common Traditional characters to their plain forms, one UTF-16 unit for one, so every offset
 * into the result is an offset into the original.
 *
 * With `lowerAscii`, A–Z are lower-cased too (only ASCII, whose case mapping never changes length).
 *
 * @example foldText('明天下午３點') // → '明天下午3点'
 */
export function foldText(text: string, options: { lowerAscii?: boolean } = {}): string {
  const lower = options.lowerAscii === true;
  let changed = false;
  const codes = new Array<number>(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let f = c;
    if (c >= 0xff01 && c <= 0xff5e) f = c - 0xfee0;
    else if (c === 0x3000) f = 0x20;
    else if (c === 0xffe5) f = 0xa5;
    else if (c >= 0x4e00) f = TRADITIONAL_TO_SIMPLIFIED.get(c) ?? c;
    if (lower && f >= 0x41 && f <= 0x5a) f += 0x20;
    if (f !== c) changed = true;
    codes[i] = f;
  }
  if (!changed) return text;
  let out = '';
  // Chunked so a 100 KB message does not blow the argument limit of fromCharCode.
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCharCode(...codes.slice(i, i + 4096));
  return out;
}
