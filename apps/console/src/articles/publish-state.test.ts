import { describe, expect, it } from 'vitest';
import { articleStatusTag } from './article-status-tag.js';
import { publishStateOf, versionRoleOf } from './publish-state.js';

describe('what visitors see of an article', () => {
  it('calls a never-published draft unpublished', () => {
    expect(publishStateOf({ status: 'draft', currentVersion: 3, publishedVersion: null })).toBe('unpublished');
  });

  it('is live when the newest version is the published one', () => {
    expect(publishStateOf({ status: 'published', currentVersion: 2, publishedVersion: 2 })).toBe('live');
  });

  it('is behind after an edit since publishing, or after a rollback', () => {
    expect(publishStateOf({ status: 'published', currentVersion: 3, publishedVersion: 2 })).toBe('behind');
    expect(publishStateOf({ status: 'published', currentVersion: 5, publishedVersion: 1 })).toBe('behind');
  });

  it('is withdrawn once archived, whatever version was published', () => {
    expect(publishStateOf({ status: 'archived', currentVersion: 2, publishedVersion: 2 })).toBe('withdrawn');
  });
});

describe('the version history list', () => {
  const article = { status: 'published' as const, currentVersion: 3, publishedVersion: 2 };

  it('marks the published version live and offers no publish for it', () => {
    expect(versionRoleOf(2, article)).toEqual({ newest: false, live: true, publishable: false });
  });

  it('offers the newest draft and older versions (rollback) for publishing', () => {
    expect(versionRoleOf(3, article)).toEqual({ newest: true, live: false, publishable: true });
    expect(versionRoleOf(1, article)).toEqual({ newest: false, live: false, publishable: true });
  });

  it('lets an archived article republish the version it used to serve', () => {
    expect(versionRoleOf(2, { ...article, status: 'archived' })).toEqual({ newest: false, live: false, publishable: true });
  });
});

describe('status tags', () => {
  it('gives each status its own colour and label', () => {
    const tags = (['draft', 'published', 'archived'] as const).map(articleStatusTag);
    expect(new Set(tags.map((tag) => tag.color)).size).toBe(3);
    expect(tags.map((tag) => tag.label)).toEqual(['articles.status.draft', 'articles.status.published', 'articles.status.archived']);
  });
});
