import { ConfigProvider } from 'antd';
import antdEnUS from 'antd/locale/en_US';
import antdZhCN from 'antd/locale/zh_CN';
import { createContext, use, useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en } from './en.js';
import { translate, type Locale, type Translate } from './translate.js';
import { zhCN, type Catalogue } from './zh-CN.js';

// Users who ask their system for less motion (WCAG 2.3.3) get antd's popovers, modals and toasts without their
// zoom and fade. The browser tests run Chromium so (--force-prefers-reduced-motion): a click that landed while a
// popover was still zooming in was lost on a loaded CI machine.
const REDUCED_MOTION = typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true;

interface I18n {
  locale: Locale;
  setLocale: (locale: Locale) => void;
  t: Translate;
}

const catalogues: Record<Locale, Catalogue> = { 'zh-CN': zhCN, en };
const antdLocales = { 'zh-CN': antdZhCN, en: antdEnUS } as const;
const storageKey = 'zhida.console.locale';

const I18nContext = createContext<I18n | null>(null);

/** Current UI language for the console and for antd's own texts; Chinese unless the agent picked English. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(readStoredLocale);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      localStorage.setItem(storageKey, next);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
  }, []);

  const value = useMemo<I18n>(
    () => ({ locale, setLocale, t: (key, params) => translate(catalogues[locale], locale, key, params) }),
    [locale, setLocale],
  );

  return (
    <I18nContext value={value}>
      <ConfigProvider locale={antdLocales[locale]} theme={{ token: { colorPrimary: '#1d6fe8', borderRadius: 8, motion: !REDUCED_MOTION } }}>
        {children}
      </ConfigProvider>
    </I18nContext>
  );
}

/** The translate function and locale of the surrounding I18nProvider. */
export function useI18n(): I18n {
  const i18n = use(I18nContext);
  if (!i18n) throw new Error('useI18n must be used inside <I18nProvider>');
  return i18n;
}

function readStoredLocale(): Locale {
  try {
    const stored = localStorage.getItem(storageKey);
    if (stored === 'en' || stored === 'zh-CN') return stored;
  } catch {
    // Fall through to the default.
  }
  return 'zh-CN';
}
