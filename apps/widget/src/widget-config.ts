import { getCatalogue, resolveLocale, type Locale } from './messages.js';

/** Everything the embedding <script> tag tells the widget. */
export interface WidgetConfig {
  tenant: string;
  /** Where the API lives: the origin the widget script itself was loaded from. */
  apiOrigin: string;
  locale: Locale;
  title: string;
  userId?: string;
  userHash?: string;
  userName?: string;
}

/** The attributes of the script tag, as `HTMLScriptElement.dataset` and `.src` provide them. */
export interface ScriptTagAttributes {
  src: string;
  dataset: Record<string, string | undefined>;
}

/** Thrown when the embed snippet is unusable, so the page owner sees why nothing appeared. */
export class WidgetConfigError extends Error {
  override readonly name = 'WidgetConfigError';
  readonly code = 'widget_config_invalid';
}

const blankToUndefined = (value: string | undefined) => {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
};

/**
 * Reads the embed snippet. The API origin comes from the script's own URL so the widget
 * talks to its server even when embedded on someone else's site.
 *
 * @example
 * readWidgetConfig({ src: 'https://cs.example.com/widget.js', dataset: { tenant: 'demo-ecommerce' } }, 'https://shop.example.com/')
 * // → { tenant: 'demo-ecommerce', apiOrigin: 'https://cs.example.com', locale: 'zh-CN', title: '在线客服' }
 */
export function readWidgetConfig(script: ScriptTagAttributes, pageUrl: string): WidgetConfig {
  const tenant = blankToUndefined(script.dataset.tenant);
  if (!tenant) throw new WidgetConfigError('Zhida widget: the script tag needs a data-tenant attribute.');
  let apiOrigin: string;
  try {
    // A relative src ("/widget.js") resolves against the page, exactly as the browser loaded it.
    apiOrigin = new URL(script.src || pageUrl, pageUrl).origin;
  } catch {
    throw new WidgetConfigError(`Zhida widget: cannot work out the server address from "${script.src}".`);
  }
  const locale = resolveLocale(script.dataset.locale);
  const config: WidgetConfig = {
    tenant,
    apiOrigin,
    locale,
    title: blankToUndefined(script.dataset.title) ?? getCatalogue(locale).title,
  };
  const userId = blankToUndefined(script.dataset.userId);
  const userHash = blankToUndefined(script.dataset.userHash);
  const userName = blankToUndefined(script.dataset.userName);
  if (userId) config.userId = userId;
  if (userHash) config.userHash = userHash;
  if (userName) config.userName = userName;
  return config;
}
