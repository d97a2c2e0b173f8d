/**
 * Makes digits findable: full-width characters become ASCII and the spaces or
 * dashes people type inside numbers ("138 0013 8000") are removed.
 * @example compactDigits('１３８-0013 8000') // '13800138000'
 */
export function compactDigits(text: string): string {
  return halfWidth(text).replace(/(?<=\d)[\s-]+(?=\d)/g, '');
}

/**
 * Full-width ASCII (common with Chinese IMEs) to plain ASCII, ideographic space to space.
 * @example halfWidth('ＡＢ１２') // 'AB12'
 */
export function halfWidth(text: string): string {
  return text.replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}
