import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n-context.js';

/** Keeps the tab title localised and prefixed with the unread count, so a background tab shows "(3) 智答 · 客服工作台". */
export function useDocumentTitle(unread = 0): void {
  const { t, locale } = useI18n();
  useEffect(() => {
    const base = `${t('app.name')} · ${t('app.subtitle')}`;
    document.title = unread > 0 ? `(${new Intl.NumberFormat(locale).format(unread)}) ${base}` : base;
  }, [t, locale, unread]);
}
