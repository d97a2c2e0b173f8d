import { pinyin } from 'pinyin-pro';

const HAN_RUN = /\p{Script=Han}+/gu;

/**
 * Toneless pinyin of every Han character, one array per run of Han characters, so that
 * homophone typos ("退宽" for "退款") share features with the intended word.
 * @example pinyinRuns('我要退宽 ok') // [['wo', 'yao', 'tui', 'kuan']]
 */
export function pinyinRuns(text: string): string[][] {
  const runs: string[][] = [];
  for (const match of text.matchAll(HAN_RUN)) {
    runs.push(pinyin(match[0], { toneType: 'none', type: 'array', v: true }));
  }
  return runs;
}
