/** Function words that carry no topic; removing them keeps BM25 and match coverage about content words. */
export const ENGLISH_STOPWORDS: ReadonlySet<string> = new Set(
  ('a an the and or but if of at by for with about to from in on into over under up down out off ' +
    'i me my we our you your he him his she her it its they them their this that these those ' +
    'be have do can could would should will shall may might must there here what which who whom ' +
    'when where why how so than too very just also any some all no not as is am are was were been being ' +
    'has had having does did doing get s t don doesn isn')
    .split(' '),
);
