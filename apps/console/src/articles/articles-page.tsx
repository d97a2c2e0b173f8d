import { Alert, App, Button, Select, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { EditOutlined, EyeOutlined, FileSearchOutlined, PlusOutlined } from '@ant-design/icons';
import { useCallback, useMemo, useState, type HTMLAttributes } from 'react';
import type { Article, ArticleStatus } from '../api/api-types.js';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { formatDateTime } from '../format/clock-time.js';
import { mergeCategories } from '../lists/merge-categories.js';
import { useRemoteList } from '../lists/use-remote-list.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { CategoryFilter } from '../layout/category-filter.js';
import { ListSearch } from '../layout/list-search.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { ArticleDetailDrawer } from './article-detail.js';
import { ArticleEditor } from './article-editor.js';
import { articleCreateOf, articlePatchOf, type ArticleFormValues } from './article-patch.js';
import { articleStatusTag } from './article-status-tag.js';
import { ArticleVersionSummary } from './article-version-summary.js';
import { KnowledgeSearchPreview } from './knowledge-search-preview.js';

const statuses: readonly ArticleStatus[] = ['draft', 'published', 'archived'];

type EditorState = { open: false } | { open: true; article: Article | null };

interface ArticlesPageProps {
  /** The article whose drawer is open (from the hash route, so links and back/forward work). */
  openId: string | null;
  onOpen: (articleId: string | null) => void;
}

/** Knowledge articles: filterable list, detail drawer with version history, and (for admins and supervisors) edit, publish, archive. */
export function ArticlesPage({ openId, onOpen }: ArticlesPageProps) {
  const { api } = useSession();
  const user = useSignedInUser();
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const editable = roleCan(user.role, 'kb.write');

  const [query, setQuery] = useState('');
  const [status, setStatus] = useState<ArticleStatus | undefined>(undefined);
  const [category, setCategory] = useState<string | undefined>(undefined);
  // Categories seen across all loads, so filtering by one does not empty the dropdown.
  const [knownCategories, setKnownCategories] = useState<string[]>([]);
  const [editor, setEditor] = useState<EditorState>({ open: false });
  const [revision, setRevision] = useState(0);
  const [searching, setSearching] = useState(false);

  // t and locale are left out of the deps on purpose: a language switch must not refetch.
  const { items, setItems, loading, error, reload } = useRemoteList(
    () => api.listArticles({ q: query.trim() || undefined, status, category }).then((page) => page.items),
    [api, query, status, category],
    (loaded) => setKnownCategories((known) => mergeCategories(known, loaded.map((article) => article.category), locale)),
  );

  const save = useCallback(
    async (values: ArticleFormValues) => {
      if (!editor.open) return;
      try {
        if (editor.article) {
          const patch = articlePatchOf(editor.article, values);
          if (!patch) {
            toast.info(t('articles.unchanged'));
            setEditor({ open: false });
            return;
          }
          const saved = await api.updateArticle(editor.article.id, patch);
          const newVersion = saved.currentVersion !== editor.article.currentVersion;
          toast.success(newVersion ? t('articles.savedVersion', { version: saved.currentVersion }) : t('articles.saved'));
        } else {
          const created = await api.createArticle(articleCreateOf(values));
          toast.success(t('articles.saved'));
          onOpen(created.id);
        }
        setEditor({ open: false });
        setRevision((n) => n + 1);
        reload();
      } catch (failure) {
        toast.error(describeError(failure, t));
      }
    },
    [api, editor, onOpen, reload, t, toast],
  );

  const changed = useCallback((article: Article) => {
    // Replace the row at once; the reload brings back filtering (an archived article may leave a "published" view).
    setItems((current) => current.map((item) => (item.id === article.id ? { ...item, ...article } : item)));
    reload();
  }, [setItems, reload]);

  const columns = useMemo<ColumnsType<Article>>(() => {
    const base: ColumnsType<Article> = [
      {
        key: 'title',
        title: t('articles.column.title'),
        dataIndex: 'title',
        render: (_: unknown, article) => (
          <Typography.Link strong onClick={() => onOpen(article.id)} data-testid="article-open">
            {article.title}
          </Typography.Link>
        ),
      },
      {
        key: 'category',
        title: t('articles.column.category'),
        dataIndex: 'category',
        width: 130,
        render: (value: string) => (
          <Tag variant="filled" color="blue">
            {value}
          </Tag>
        ),
      },
      {
        key: 'status',
        title: t('articles.column.status'),
        dataIndex: 'status',
        width: 100,
        render: (value: ArticleStatus) => {
          const tag = articleStatusTag(value);
          return (
            <Tag color={tag.color} data-testid="article-status" data-status={value}>
              {t(tag.label)}
            </Tag>
          );
        },
      },
      {
        key: 'version',
        title: t('articles.column.version'),
        width: 210,
        render: (_: unknown, article) => <ArticleVersionSummary article={article} />,
      },
      {
        key: 'updatedAt',
        title: t('articles.column.updatedAt'),
        dataIndex: 'updatedAt',
        width: 170,
        render: (value: string) => formatDateTime(value, locale),
      },
      {
        key: 'actions',
        title: t('articles.column.actions'),
        width: editable ? 180 : 100,
        render: (_: unknown, article) => (
          <Space size={0}>
            <Button type="link" icon={<EyeOutlined />} onClick={() => onOpen(article.id)} data-testid="article-view">
              {t('articles.view')}
            </Button>
            {editable && (
              <Button type="link" icon={<EditOutlined />} onClick={() => setEditor({ open: true, article })} data-testid="article-row-edit">
                {t('articles.edit')}
              </Button>
            )}
          </Space>
        ),
      },
    ];
    return base;
  }, [t, locale, editable, onOpen]);

  return (
    <div className="faq-page">
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('articles.title')}
        </Typography.Title>
        <Space>
          <Button icon={<FileSearchOutlined />} onClick={() => setSearching(true)} data-testid="knowledge-search-open">
            {t('articles.searchPreview')}
          </Button>
          {editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ open: true, article: null })} data-testid="article-create">
              {t('articles.create')}
            </Button>
          )}
        </Space>
      </div>
      {!editable && <Alert type="info" showIcon title={t('articles.readOnly')} className="faq-page__notice" data-testid="articles-read-only" />}
      <div className="faq-page__filters">
        <ListSearch placeholder={t('articles.searchPlaceholder')} onSearch={setQuery} testId="article-search" />
        <Select
          allowClear
          placeholder={t('articles.allStatuses')}
          value={status}
          onChange={(value: ArticleStatus | undefined) => setStatus(value)}
          options={statuses.map((value) => ({ value, label: t(articleStatusTag(value).label) }))}
          className="faq-page__category"
          data-testid="article-status-filter"
        />
        <CategoryFilter
          categories={knownCategories}
          value={category}
          onChange={setCategory}
          placeholder={t('articles.allCategories')}
          testId="article-category-filter"
        />
      </div>
      <LoadFailedAlert title={t('articles.loadFailed')} error={error} />
      <Table<Article>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={items}
        onRow={(article) => ({ 'data-testid': 'article-row', 'data-article-id': article.id }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('articles.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('articles.total', { count: total }) }}
      />
      <ArticleDetailDrawer
        articleId={openId}
        revision={revision}
        editable={editable}
        onEdit={(article) => setEditor({ open: true, article })}
        onChanged={changed}
        onClose={() => onOpen(null)}
      />
      {editable && (
        <ArticleEditor
          open={editor.open}
          article={editor.open ? editor.article : null}
          categories={knownCategories}
          onSubmit={save}
          onClose={() => setEditor({ open: false })}
        />
      )}
      <KnowledgeSearchPreview open={searching} onClose={() => setSearching(false)} />
    </div>
  );
}
