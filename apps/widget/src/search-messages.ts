import type { SearchHit } from '@zhida/client/search-api-client';
import type { Locale } from './messages.js';

/** Every piece of text the self-service search box shows. */
export interface SearchCatalogue {
  label: string;
  placeholder: string;
  submit: string;
  searching: string;
  /** Nothing found: say so, and point at the chat below. */
  none: (query: string) => string;
  failed: string;
  results: (count: number) => string;
  back: string;
  close: string;
  types: Record<SearchHit['type'], string>;
}

const zhCN: SearchCatalogue = {
  label: '搜索帮助',
  placeholder: '搜索常见问题，如：怎么退货',
  submit: '搜索',
  searching: '正在搜索…',
  none: (query) => `没有找到与「${query}」相关的内容，换个说法试试，或直接在下方提问。`,
  failed: '搜索暂时不可用，请稍后再试，或直接在下方提问。',
  results: (count) => `找到 ${count} 条结果`,
  back: '返回结果',
  close: '关闭搜索',
  types: { faq: '常见问题', article: '帮助文章', passage: '文档段落', order: '我的订单', ticket: '我的工单', return: '退换货', appointment: '我的预约', application: '我的办件' },
};

const en: SearchCatalogue = {
  label: 'Search help',
  placeholder: 'Search help, e.g. how to return',
  submit: 'Search',
  searching: 'Searching…',
  none: (query) => `Nothing found for “${query}”. Try other words, or ask us below.`,
  failed: 'Search is unavailable right now. Please try again later, or ask us below.',
  results: (count) => (count === 1 ? '1 result' : `${count} results`),
  back: 'Back to results',
  close: 'Close search',
  types: { faq: 'FAQ', article: 'Article', passage: 'Document', order: 'My order', ticket: 'My ticket', return: 'Return', appointment: 'Appointment', application: 'Application' },
};

const catalogues: Record<Locale, SearchCatalogue> = { 'zh-CN': zhCN, en };

export function getSearchCatalogue(locale: Locale): SearchCatalogue {
  return catalogues[locale];
}
