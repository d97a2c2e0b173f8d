import type { Article, ArticleInput } from '../api/api-types.js';

export interface ArticleFormValues {
  title: string;
  body: string;
  category: string;
}

/**
 * The PATCH body for an edit: only the fields that changed, trimmed, so an
 * untouched save does not make an empty new version. Null when nothing changed.
 * @example articlePatchOf(article, { ...article, title: ' 新标题 ' }) // { title: '新标题' }
 */
export function articlePatchOf(original: Pick<Article, 'title' | 'body' | 'category'>, values: ArticleFormValues): Partial<ArticleInput> | null {
  const patch: Partial<ArticleInput> = {};
  const title = values.title.trim();
  const body = values.body.trim();
  const category = values.category.trim();
  if (title !== original.title) patch.title = title;
  if (body !== original.body) patch.body = body;
  if (category && category !== original.category) patch.category = category;
  return Object.keys(patch).length > 0 ? patch : null;
}

/** The POST body for a new article; an empty category lets the server use its default. */
export function articleCreateOf(values: ArticleFormValues): ArticleInput {
  const category = values.category.trim();
  return { title: values.title.trim(), body: values.body.trim(), ...(category ? { category } : {}) };
}
