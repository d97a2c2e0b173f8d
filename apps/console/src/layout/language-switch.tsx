import { Segmented } from 'antd';
import { useI18n } from '../i18n/i18n-context.js';
import type { Locale } from '../i18n/translate.js';

// Each language is labelled in itself, so it can be found whichever one is active.
const options: Array<{ value: Locale; label: string }> = [
  { value: 'zh-CN', label: '中文' },
  { value: 'en', label: 'EN' },
];

/** Switches the console language between Chinese and English. */
export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return <Segmented<Locale> size="small" value={locale} onChange={setLocale} options={options} aria-label={t('header.language')} data-testid="language-switch" />;
}
