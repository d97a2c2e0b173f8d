import { Alert, App, Button, Descriptions, Drawer, Popconfirm, Space, Spin, Tag, Typography } from 'antd';
import { EditOutlined, InboxOutlined, RocketOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useState } from 'react';
import type { ArticleDetail } from '../api/api-types.js';
import { useSession } from '../auth/session-context.js';
import { formatDateTime } from '../format/clock-time.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { articleStatusTag } from './article-status-tag.js';
import { ArticleVersionSummary } from './article-version-summary.js';
import { ArticleVersionText } from './article-version-text.js';
import { publishStateOf, versionRoleOf } from './publish-state.js';

interface ArticleDetailDrawerProps {
  /** The article to show, or null when the drawer is closed. */
  articleId: string | null;
  /** Bumped by the page after an edit, so the drawer reloads the new version. */
  revision: number;
  editable: boolean;
  onEdit: (article: ArticleDetail) => void;
  /** Called after publish or archive, with the article as the server now has it. */
  onChanged: (article: ArticleDetail) => void;
  onClose: () => void;
}

/** One article: its newest text, the version history with publish/rollback per version, publish and archive. */
export function ArticleDetailDrawer({ articleId, revision, editable, onEdit, onChanged, onClose }: ArticleDetailDrawerProps) {
  const { api } = useSession();
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const [article, setArticle] = useState<ArticleDetail | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!articleId) {
      setArticle(null);
      return;
    }
    let cancelled = false;
    setError(null);
    api.getArticle(articleId).then(
      (loaded) => {
        if (!cancelled) setArticle(loaded);
      },
      (failure: unknown) => {
        if (!cancelled) setError(describeError(failure, t));
      },
    );
    return () => {
      cancelled = true;
    };
    // t is left out on purpose: a language switch must not refetch.
  }, [api, articleId, revision]);

  const act = useCallback(
    async (action: () => Promise<ArticleDetail>, done: (result: ArticleDetail) => string) => {
      setBusy(true);
      try {
        const result = await action();
        setArticle(result);
        onChanged(result);
        toast.success(done(result));
      } catch (failure) {
        toast.error(describeError(failure, t));
      } finally {
        setBusy(false);
      }
    },
    [onChanged, t, toast],
  );

  const publish = (id: string, version: number) =>
    act(
      () => api.publishArticle(id, version),
      (result) => t('articles.published', { version: result.publishedVersion ?? version }),
    );
  const archive = (id: string) =>
    act(
      () => api.archiveArticle(id),
      () => t('articles.archived'),
    );

  const shown = article && article.id === articleId ? article : null;
  const state = shown ? publishStateOf(shown) : null;
  const tag = shown ? articleStatusTag(shown.status) : null;

  return (
    <Drawer
      open={articleId !== null}
      onClose={onClose}
      size={720}
      destroyOnHidden
      title={shown?.title ?? t('articles.detail.title')}
      extra={
        shown &&
        editable && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => onEdit(shown)} data-testid="article-edit">
              {t('articles.edit')}
            </Button>
            {state !== 'live' && (
              <Popconfirm
                title={t('articles.publishConfirm', { version: shown.currentVersion })}
                description={t('articles.publishConfirmDetail')}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => publish(shown.id, shown.currentVersion)}
              >
                <Button type="primary" icon={<RocketOutlined />} loading={busy} data-testid="article-publish">
                  {t('articles.publish')}
                </Button>
              </Popconfirm>
            )}
            {shown.status !== 'archived' && (
              <Popconfirm
                title={t('articles.archiveConfirm')}
                description={t('articles.archiveConfirmDetail')}
                okText={t('articles.archive')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => archive(shown.id)}
              >
                <Button danger icon={<InboxOutlined />} loading={busy} data-testid="article-archive">
                  {t('articles.archive')}
                </Button>
              </Popconfirm>
            )}
          </Space>
        )
      }
    >
      {error && <Alert type="error" showIcon title={t('articles.detail.loadFailed')} description={error} />}
      {!error && !shown && (
        <div className="centered-block">
          <Spin />
        </div>
      )}
      {shown && tag && (
        <div className="article-detail" data-testid="article-detail" data-article-id={shown.id}>
          <Descriptions size="small" column={2} bordered>
            <Descriptions.Item label={t('articles.detail.status')}>
              <Tag color={tag.color} data-testid="article-detail-status" data-status={shown.status}>
                {t(tag.label)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('articles.detail.category')}>{shown.category}</Descriptions.Item>
            <Descriptions.Item label={t('articles.detail.version')}>
              <ArticleVersionSummary article={shown} />
            </Descriptions.Item>
            <Descriptions.Item label={t('articles.detail.updatedAt')}>{formatDateTime(shown.updatedAt, locale)}</Descriptions.Item>
            {shown.publishedAt && (
              <Descriptions.Item label={t('articles.detail.publishedAt')} span={2}>
                {formatDateTime(shown.publishedAt, locale)}
              </Descriptions.Item>
            )}
          </Descriptions>

          <section className="article-detail__section">
            <Typography.Text type="secondary">{t('articles.detail.body')}</Typography.Text>
            <ArticleVersionText text={shown.body} />
          </section>

          <section className="article-detail__section">
            <Typography.Title level={5}>{t('articles.history.title')}</Typography.Title>
            <ol className="article-history" data-testid="article-history">
              {shown.versions.map((version) => {
                const role = versionRoleOf(version.version, shown);
                const rollback = shown.publishedVersion !== null && version.version < shown.publishedVersion;
                return (
                  <li key={version.version} className="article-history__item" data-testid="article-version" data-version={version.version} data-live={role.live}>
                    <div className="article-history__head">
                      <Space size={6} wrap>
                        <Typography.Text strong>{t('articles.version.label', { version: version.version })}</Typography.Text>
                        {role.newest && <Tag color="blue">{t('articles.history.newest')}</Tag>}
                        {role.live && <Tag color="green">{t('articles.history.live')}</Tag>}
                        <Typography.Text type="secondary">{formatDateTime(version.createdAt, locale)}</Typography.Text>
                      </Space>
                      {editable && role.publishable && (
                        <Popconfirm
                          title={t('articles.publishConfirm', { version: version.version })}
                          description={t('articles.publishConfirmDetail')}
                          okText={t('common.confirm')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => publish(shown.id, version.version)}
                        >
                          <Button size="small" loading={busy} data-testid="article-version-publish">
                            {t(rollback ? 'articles.history.rollback' : 'articles.history.publish')}
                          </Button>
                        </Popconfirm>
                      )}
                    </div>
                    <Typography.Text className="article-history__title">{version.title}</Typography.Text>
                    <ArticleVersionText text={version.body} collapsed />
                  </li>
                );
              })}
            </ol>
          </section>
        </div>
      )}
    </Drawer>
  );
}
