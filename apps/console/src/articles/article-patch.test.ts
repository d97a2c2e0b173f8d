import { describe, expect, it } from 'vitest';
import { articleCreateOf, articlePatchOf } from './article-patch.js';

const original = { title: '退货政策', body: '七天无理由退货。', category: '售后' };

describe('saving an edited article', () => {
  it('sends nothing when only whitespace was added, so no empty version is made', () => {
    expect(articlePatchOf(original, { title: ' 退货政策 ', body: '七天无理由退货。\n', category: '售后' })).toBeNull();
  });

  it('sends only the changed fields, trimmed', () => {
    expect(articlePatchOf(original, { title: '退货政策', body: ' 十五天无理由退货。 ', category: '售后' })).toEqual({ body: '十五天无理由退货。' });
    expect(articlePatchOf(original, { title: '退换货政策', body: '七天无理由退货。', category: '政策' })).toEqual({ title: '退换货政策', category: '政策' });
  });

  it('keeps the category when the field was cleared', () => {
    expect(articlePatchOf(original, { ...original, category: '  ' })).toBeNull();
  });
});

describe('creating an article', () => {
  it('leaves out an empty category so the server default applies', () => {
    expect(articleCreateOf({ title: ' 发票 ', body: '电子发票在订单详情下载。', category: '' })).toEqual({ title: '发票', body: '电子发票在订单详情下载。' });
    expect(articleCreateOf({ title: '发票', body: '正文', category: ' 财务 ' })).toEqual({ title: '发票', body: '正文', category: '财务' });
  });
});
