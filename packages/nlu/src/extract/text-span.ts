/** A stretch of the input: UTF-16 offsets, the text as written, and its canonical value. */
export type TextSpan = { start: number; end: number; text: string; value: string };
