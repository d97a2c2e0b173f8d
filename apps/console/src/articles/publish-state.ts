import type { Article } from '../api/api-types.js';

/**
 * How the newest text relates to what visitors see:
 * `unpublished` (never published), `live` (the newest version is published),
 * `behind` (visitors see an older version: an edit since, or a rollback),
 * `withdrawn` (archived, visitors see nothing).
 */
export type PublishState = 'unpublished' | 'live' | 'behind' | 'withdrawn';

type VersionFields = Pick<Article, 'status' | 'currentVersion' | 'publishedVersion'>;

/** @example publishStateOf({ status: 'published', currentVersion: 3, publishedVersion: 2 }) // 'behind' */
export function publishStateOf(article: VersionFields): PublishState {
  if (article.status === 'archived') return 'withdrawn';
  if (article.publishedVersion === null || article.status === 'draft') return 'unpublished';
  return article.publishedVersion < article.currentVersion ? 'behind' : 'live';
}

export interface VersionRole {
  /** The newest version (what the editor shows). */
  newest: boolean;
  /** The version visitors see right now (not while archived). */
  live: boolean;
  /** Whether "publish this version" would change anything. */
  publishable: boolean;
}

/**
 * The role of one version in the history list.
 * @example versionRoleOf(1, { status: 'published', currentVersion: 2, publishedVersion: 2 }) // rollback: publishable
 */
export function versionRoleOf(version: number, article: VersionFields): VersionRole {
  const live = article.status === 'published' && article.publishedVersion === version;
  return { newest: version === article.currentVersion, live, publishable: !live };
}
