import type { ArticleStatus } from '../api/api-types.js';
import type { MessageKey } from '../i18n/zh-CN.js';

export interface StatusTag {
  color: string;
  label: MessageKey;
}

const tags: Record<ArticleStatus, StatusTag> = {
  draft: { color: 'default', label: 'articles.status.draft' },
  published: { color: 'green', label: 'articles.status.published' },
  archived: { color: 'orange', label: 'articles.status.archived' },
};

/**
 * The tag colour and catalogue key for an article status.
 * @example articleStatusTag('published') // { color: 'green', label: 'articles.status.published' }
 */
export function articleStatusTag(status: ArticleStatus): StatusTag {
  return tags[status];
}
