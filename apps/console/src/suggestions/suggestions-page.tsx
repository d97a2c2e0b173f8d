import { Alert, App, Button, Popconfirm, Space, Table, Tabs, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { CheckOutlined, CloseOutlined, ThunderboltOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { ApiError } from '../api/api-error.js';
import type { Suggestion, SuggestionAcceptInput, SuggestionStatus } from '../api/api-types.js';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { formatDateTime } from '../format/clock-time.js';
import { mergeCategories } from '../lists/merge-categories.js';
import { useRemoteList } from '../lists/use-remote-list.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { acceptBlocker } from './accept-payload.js';
import { rankSuggestions } from './rank-suggestions.js';
import { SuggestionAcceptModal } from './suggestion-accept-modal.js';

const tabs: readonly SuggestionStatus[] = ['pending', 'accepted', 'rejected'];

/** Top-question mining: pending suggestions to accept (new FAQ or paraphrases) or reject, and the decided ones. */
export function SuggestionsPage() {
  const { api } = useSession();
  const user = useSignedInUser();
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const editable = roleCan(user.role, 'kb.write');

  const [tab, setTab] = useState<SuggestionStatus>('pending');
  const [refreshing, setRefreshing] = useState(false);
  const [accepting, setAccepting] = useState<Suggestion | null>(null);
  const [categories, setCategories] = useState<string[]>([]);

  // t is left out of the deps on purpose: a language switch must not refetch.
  const { items, setItems, loading, error, reload } = useRemoteList(
    () => api.listSuggestions(tab).then((page) => rankSuggestions(page.items)),
    [api, tab],
  );

  // FAQ categories to offer when a suggestion becomes a new FAQ; failing to load them only loses the hints.
  useEffect(() => {
    if (!editable) return;
    let cancelled = false;
    api.listFaqs().then(
      ({ items: faqs }) => {
        if (!cancelled) setCategories(mergeCategories([], faqs.map((faq) => faq.category), locale));
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [api, editable, locale]);

  const refresh = useCallback(async () => {
    setRefreshing(true);
    try {
      const result = await api.refreshSuggestions();
      const pending = result.items.filter((item) => item.status === 'pending');
      toast.success(t('suggestions.refreshed', { questions: result.questions, count: pending.length }));
      setTab('pending');
      reload();
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setRefreshing(false);
    }
  }, [api, reload, t, toast]);

  /** A decision answered with 409 means someone else decided first: show why and reload. */
  const failed = useCallback(
    (failure: unknown) => {
      toast.error(describeError(failure, t));
      if (failure instanceof ApiError && failure.status === 409) reload();
    },
    [reload, t, toast],
  );

  const accept = useCallback(
    async (suggestion: Suggestion, input: SuggestionAcceptInput) => {
      try {
        await api.acceptSuggestion(suggestion.id, input);
        toast.success(t('suggestions.accepted'));
        setAccepting(null);
        setItems((current) => current.filter((item) => item.id !== suggestion.id));
      } catch (failure) {
        failed(failure);
        if (failure instanceof ApiError && failure.status === 409) setAccepting(null);
      }
    },
    [api, failed, setItems, t, toast],
  );

  const reject = useCallback(
    async (suggestion: Suggestion) => {
      try {
        await api.rejectSuggestion(suggestion.id);
        toast.success(t('suggestions.rejected'));
        setItems((current) => current.filter((item) => item.id !== suggestion.id));
      } catch (failure) {
        failed(failure);
      }
    },
    [api, failed, setItems, t, toast],
  );

  const columns = useMemo<ColumnsType<Suggestion>>(() => {
    const base: ColumnsType<Suggestion> = [
      {
        key: 'kind',
        title: t('suggestions.column.kind'),
        dataIndex: 'kind',
        width: 120,
        render: (value: Suggestion['kind']) => (
          <Tag color={value === 'new_faq' ? 'purple' : 'cyan'} data-testid="suggestion-kind" data-kind={value}>
            {t(value === 'new_faq' ? 'suggestions.kind.new_faq' : 'suggestions.kind.paraphrase')}
          </Tag>
        ),
      },
      {
        key: 'question',
        title: t('suggestions.column.question'),
        dataIndex: 'question',
        render: (_: unknown, suggestion) => (
          <div className="faq-question">
            <Typography.Text strong data-testid="suggestion-question-text">
              {suggestion.question}
            </Typography.Text>
            {suggestion.kind === 'paraphrase' && (
              <Typography.Text type={suggestion.faqId ? 'secondary' : 'danger'} className="faq-question__count">
                {suggestion.faqId ? t('suggestions.targetFaq', { id: suggestion.faqId }) : t('suggestions.faqMissing')}
              </Typography.Text>
            )}
          </div>
        ),
      },
      {
        key: 'paraphrases',
        title: t('suggestions.column.paraphrases'),
        render: (_: unknown, suggestion) => (
          <div className="faq-detail__tags suggestion-paraphrases">
            {suggestion.paraphrases.map((paraphrase) => (
              <Tag key={paraphrase.text} data-testid="suggestion-paraphrase">
                {paraphrase.text}
                <span className="suggestion-paraphrases__count">×{paraphrase.count}</span>
              </Tag>
            ))}
          </div>
        ),
      },
      {
        key: 'samples',
        title: t('suggestions.column.samples'),
        dataIndex: 'sampleCount',
        width: 100,
        align: 'right',
        render: (value: number) => (
          <Typography.Text strong data-testid="suggestion-samples">
            {t('suggestions.samples', { count: value })}
          </Typography.Text>
        ),
      },
      {
        key: 'time',
        title: t(tab === 'pending' ? 'suggestions.column.createdAt' : 'suggestions.column.decidedAt'),
        width: 170,
        render: (_: unknown, suggestion) => formatDateTime((tab === 'pending' ? suggestion.createdAt : suggestion.decidedAt) ?? suggestion.createdAt, locale),
      },
    ];
    if (!editable || tab !== 'pending') return base;
    return [
      ...base,
      {
        key: 'actions',
        title: t('suggestions.column.actions'),
        width: 180,
        render: (_: unknown, suggestion) => {
          const blocker = acceptBlocker(suggestion);
          const acceptButton = (
            <Button type="link" icon={<CheckOutlined />} disabled={blocker !== null} onClick={() => setAccepting(suggestion)} data-testid="suggestion-accept">
              {t('suggestions.accept')}
            </Button>
          );
          return (
            <Space size={0}>
              {blocker === 'faq_missing' ? <Tooltip title={t('suggestions.faqMissing')}>{acceptButton}</Tooltip> : acceptButton}
              <Popconfirm
                title={t('suggestions.rejectConfirm')}
                okText={t('suggestions.reject')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => reject(suggestion)}
              >
                <Button type="link" danger icon={<CloseOutlined />} data-testid="suggestion-reject">
                  {t('suggestions.reject')}
                </Button>
              </Popconfirm>
            </Space>
          );
        },
      },
    ];
  }, [t, locale, editable, tab, reject]);

  return (
    <div className="faq-page">
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('suggestions.title')}
        </Typography.Title>
        {editable && (
          <Button type="primary" icon={<ThunderboltOutlined />} loading={refreshing} onClick={() => void refresh()} data-testid="suggestions-refresh">
            {t('suggestions.refresh')}
          </Button>
        )}
      </div>
      <Typography.Paragraph type="secondary">{t('suggestions.intro')}</Typography.Paragraph>
      {!editable && <Alert type="info" showIcon title={t('suggestions.readOnly')} className="faq-page__notice" data-testid="suggestions-read-only" />}
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as SuggestionStatus)}
        items={tabs.map((status) => ({ key: status, label: <span data-testid={`suggestion-tab-${status}`}>{t(`suggestions.tab.${status}`)}</span> }))}
      />
      <LoadFailedAlert title={t('suggestions.loadFailed')} error={error} />
      <Table<Suggestion>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={items}
        onRow={(suggestion) => ({ 'data-testid': 'suggestion-row', 'data-suggestion-id': suggestion.id, 'data-kind': suggestion.kind }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t(tab !== 'pending' ? 'suggestions.empty.decided' : editable ? 'suggestions.empty.pending' : 'suggestions.empty.pendingReadOnly') }}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('suggestions.total', { count: total }) }}
      />
      {editable && <SuggestionAcceptModal suggestion={accepting} categories={categories} onSubmit={accept} onClose={() => setAccepting(null)} />}
    </div>
  );
}
