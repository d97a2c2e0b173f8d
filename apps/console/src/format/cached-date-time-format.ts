const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An `Intl.DateTimeFormat` built once per locale and options: building one costs far more than formatting
 * with it, and a transcript formats every message's time and day on each render.
 * @example cachedDateTimeFormat('zh-CN', { hour: 'numeric', minute: '2-digit' }).format(Date.now())
 */
export function cachedDateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([locale, options]);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
