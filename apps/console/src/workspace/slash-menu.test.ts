import { describe, expect, it } from 'vitest';
import type { AssistSearchHit } from './workspace-api-types.js';
import { filterSlashMenu, slashTokenAt } from './slash-menu.js';

describe('slash token under the caret', () => {
  it('opens on a slash at the start of the box', () => {
    expect(slashTokenAt('/', 1)).toEqual({ start: 0, end: 1, query: '' });
    expect(slashTokenAt('/thx', 4)).toEqual({ start: 0, end: 4, query: 'thx' });
  });

  it('opens on a slash after a space or line break, with Chinese text', () => {
    expect(slashTokenAt('好的 /退货', 6)).toEqual({ start: 3, end: 6, query: '退货' });
    expect(slashTokenAt('第一行\n/物流', 7)).toEqual({ start: 4, end: 7, query: '物流' });
  });

  it('stays closed inside a word, a date or a URL', () => {
    expect(slashTokenAt('1/2', 3)).toBeNull();
    expect(slashTokenAt('见 https://x.cn/a', 16)).toBeNull();
  });

  it('closes once a space follows the command', () => {
    expect(slashTokenAt('/thx ', 5)).toBeNull();
  });

  it('reads only up to the caret', () => {
    expect(slashTokenAt('/thanks 您好', 3)).toEqual({ start: 0, end: 3, query: 'th' });
  });
});

const hit = (over: Partial<AssistSearchHit>): AssistSearchHit => ({ kind: 'faq', id: 'x', title: '', body: '', shortcut: null, ...over });

describe('slash menu filtering', () => {
  const hits = [
    hit({ id: 'faq-return', kind: 'faq', title: '如何退货', body: '在订单页申请退货' }),
    hit({ id: 'art-policy', kind: 'article', title: '七天无理由退货政策', body: '…' }),
    hit({ id: 'c-thanks', kind: 'canned', title: '致谢', body: '感谢您的耐心等待', shortcut: 'thanks' }),
    hit({ id: 'c-return', kind: 'canned', title: '退货地址', body: '请寄回：上海市…', shortcut: 'return' }),
  ];

  it('puts a canned reply whose shortcut starts with the query first', () => {
    expect(filterSlashMenu(hits, 'ret').map((h) => h.id)).toEqual(['c-return']);
    expect(filterSlashMenu(hits, 'TH').map((h) => h.id)).toEqual(['c-thanks']);
  });

  it('ranks title matches above body matches, canned before FAQ before articles', () => {
    expect(filterSlashMenu(hits, '退货').map((h) => h.id)).toEqual(['c-return', 'faq-return', 'art-policy']);
  });

  it('shows everything for an empty query, canned replies first, within the limit', () => {
    expect(filterSlashMenu(hits, '', 3).map((h) => h.id)).toEqual(['c-thanks', 'c-return', 'faq-return']);
  });

  it('finds nothing for an unrelated query', () => {
    expect(filterSlashMenu(hits, '发票')).toEqual([]);
  });
});
