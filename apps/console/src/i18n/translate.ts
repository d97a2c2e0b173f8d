import type { Catalogue, MessageKey } from './zh-CN.js';

export type Locale = 'zh-CN' | 'en';
export type MessageParams = Record<string, string | number>;

/**
 * Looks a key up and fills `{name}` placeholders; numbers are formatted for the locale.
 * @example translate(zhCN, 'zh-CN', 'faq.total', { count: 1200 }) // '共 1,200 条'
 */
export function translate(catalogue: Catalogue, locale: Locale, key: MessageKey, params?: MessageParams): string {
  const template = catalogue[key];
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? new Intl.NumberFormat(locale).format(value) : value;
  });
}

/** The placeholder names a template uses, sorted — for checking catalogues agree. */
export function placeholdersOf(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((match) => match[1] ?? '').sort();
}

/** What components receive from the i18n context: a translate function bound to the current locale. */
export type Translate = (key: MessageKey, params?: MessageParams) => string;
