import type { Article } from '../api/api-types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { publishStateOf } from './publish-state.js';

/** "Live v2 · newest v3" and friends, for the table and the drawer. */
export function ArticleVersionSummary({ article }: { article: Pick<Article, 'status' | 'currentVersion' | 'publishedVersion'> }) {
  const { t } = useI18n();
  const state = publishStateOf(article);
  const current = article.currentVersion;
  if (state === 'unpublished') return <span data-testid="article-version-summary">{t('articles.version.unpublished', { current })}</span>;
  if (state === 'withdrawn') return <span data-testid="article-version-summary">{t('articles.version.withdrawn', { current })}</span>;
  if (state === 'live') return <span data-testid="article-version-summary">{t('articles.version.live', { current })}</span>;
  return (
    <span data-testid="article-version-summary" title={t('articles.state.behind')} className="article-version--behind">
      {t('articles.version.published', { published: article.publishedVersion ?? 0, current })}
    </span>
  );
}
