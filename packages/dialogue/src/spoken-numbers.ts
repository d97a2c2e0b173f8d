import { parseChineseNumeral } from '@zhida/nlu';

const CHINESE_RUN = /[零〇一二两三四五六七八九十百千万]+/g;

/**
 * The message with its Chinese numerals written in digits, so "每月二十九块的那个" and "下午两点" can be compared with
 * labels such as "畅享 29 元" and "14:00–15:00". A lone "一" or "两" stays as it is ("一下", "两回") unless a clock or money word follows ("两点").
 * @example spokenNumbersToDigits('二十九块的那个') // '29块的那个'
 */
export function spokenNumbersToDigits(text: string): string {
  return text.replace(CHINESE_RUN, (run, offset: number) => {
    // "两点", "一块" count; "一下", "两回" do not.
    if (run.length === 1 && !/[三四五六七八九十]/.test(run) && !/^[点时块元]/.test(text.slice(offset + 1))) return run;
    const value = parseChineseNumeral(run);
    return value === undefined ? run : String(value);
  });
}
