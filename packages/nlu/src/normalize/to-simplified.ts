import * as OpenCC from 'opencc-js';

let converter: ((text: string) => string) | undefined;

/**
 * Converts Traditional Chinese (Taiwan and Hong Kong variants) to Simplified.
 * The OpenCC tables cost ~25 ms to build, so the converter is built once, on first use.
 * @example toSimplified('請問運費') // '请问运费'
 */
export function toSimplified(text: string): string {
  const convert = (converter ??= OpenCC.Converter({ from: 'tw', to: 'cn' }));
  return convert(text);
}
