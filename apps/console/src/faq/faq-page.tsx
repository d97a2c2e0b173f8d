import { Alert, App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useCallback, useMemo, useState } from 'react';
import type { Faq, FaqInput } from '../api/api-types.js';
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
import { FaqEditor } from './faq-editor.js';


type EditorState = { open: false } | { open: true; faq: Faq | null };

/** Knowledge-base FAQ management: search, filter by category, and (for admins and supervisors) edit. */
export function FaqPage() {
  const { api } = useSession();
  const user = useSignedInUser();
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const editable = roleCan(user.role, 'kb.write');

  const [query, setQuery] = useState('');
  const [category, setCategory] = useState<string | undefined>(undefined);
  // Categories seen across all loads, so filtering by one does not empty the dropdown.
  const [knownCategories, setKnownCategories] = useState<string[]>([]);
  const [editor, setEditor] = useState<EditorState>({ open: false });

  // t and locale are left out of the deps on purpose: a language switch must not refetch.
  const { items, setItems, loading, error, reload } = useRemoteList(
    () => api.listFaqs({ q: query.trim() || undefined, category }).then((page) => page.items),
    [api, query, category],
    (loaded) => setKnownCategories((known) => mergeCategories(known, loaded.map((faq) => faq.category), locale)),
  );

  const save = useCallback(
    async (input: FaqInput) => {
      try {
        if (editor.open && editor.faq) await api.updateFaq(editor.faq.id, input);
        else await api.createFaq(input);
        toast.success(t('faq.saved'));
        setEditor({ open: false });
        reload();
      } catch (failure) {
        toast.error(describeError(failure, t));
      }
    },
    [api, editor, reload, t, toast],
  );

  const remove = useCallback(
    async (faq: Faq) => {
      try {
        await api.deleteFaq(faq.id);
        toast.success(t('faq.deleted'));
        setItems((current) => current.filter((item) => item.id !== faq.id));
      } catch (failure) {
        toast.error(describeError(failure, t));
      }
    },
    [api, setItems, t, toast],
  );

  const columns = useMemo<ColumnsType<Faq>>(() => {
    const base: ColumnsType<Faq> = [
      {
        key: 'question',
        title: t('faq.column.question'),
        dataIndex: 'question',
        render: (_: unknown, faq) => (
          <div className="faq-question">
            <Typography.Text strong>{faq.question}</Typography.Text>
            {faq.paraphrases.length > 0 && (
              <Typography.Text type="secondary" className="faq-question__count">
                {t('faq.paraphraseCount', { count: faq.paraphrases.length })}
              </Typography.Text>
            )}
          </div>
        ),
      },
      {
        key: 'category',
        title: t('faq.column.category'),
        dataIndex: 'category',
        width: 140,
        render: (value: string) => <Tag variant="filled" color="blue">{value}</Tag>,
      },
      {
        key: 'answer',
        title: t('faq.column.answer'),
        dataIndex: 'answer',
        ellipsis: true,
        render: (value: string) => <Typography.Text type="secondary">{value}</Typography.Text>,
      },
      {
        key: 'updatedAt',
        title: t('faq.column.updatedAt'),
        dataIndex: 'updatedAt',
        width: 170,
        render: (value: string) => formatDateTime(value, locale),
      },
    ];
    if (!editable) return base;
    return [
      ...base,
      {
        key: 'actions',
        title: t('faq.column.actions'),
        width: 200,
        render: (_: unknown, faq) => (
          <Space size={0}>
            <Button type="link" icon={<EditOutlined />} onClick={() => setEditor({ open: true, faq })}>
              {t('faq.edit')}
            </Button>
            <Popconfirm
              title={t('faq.deleteConfirm')}
              description={t('faq.deleteConfirmDetail')}
              okText={t('faq.delete')}
              okButtonProps={{ danger: true }}
              cancelText={t('common.cancel')}
              onConfirm={() => remove(faq)}
            >
              <Button type="link" danger icon={<DeleteOutlined />}>
                {t('faq.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ),
      },
    ];
  }, [t, locale, editable, remove]);

  return (
    <div className="faq-page">
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('faq.title')}
        </Typography.Title>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditor({ open: true, faq: null })} data-testid="faq-create">
            {t('faq.create')}
          </Button>
        )}
      </div>
      {!editable && <Alert type="info" showIcon title={t('faq.readOnly')} className="faq-page__notice" />}
      <div className="faq-page__filters">
        <ListSearch placeholder={t('faq.searchPlaceholder')} onSearch={setQuery} testId="faq-search" />
        <CategoryFilter
          categories={knownCategories}
          value={category}
          onChange={setCategory}
          placeholder={t('faq.allCategories')}
          testId="faq-category-filter"
        />
      </div>
      <LoadFailedAlert title={t('faq.loadFailed')} error={error} />
      <Table<Faq>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={items}
        locale={{ emptyText: t('faq.empty') }}
        pagination={{ pageSize: 20, showSizeChanger: false, showTotal: (total) => t('faq.total', { count: total }) }}
        expandable={{
          expandedRowRender: (faq) => (
            <div className="faq-detail">
              {faq.paraphrases.length > 0 && (
                <div className="faq-detail__section">
                  <Typography.Text type="secondary">{t('faq.paraphrases')}</Typography.Text>
                  <div className="faq-detail__tags">
                    {faq.paraphrases.map((paraphrase) => (
                      <Tag key={paraphrase}>{paraphrase}</Tag>
                    ))}
                  </div>
                </div>
              )}
              <div className="faq-detail__section">
                <Typography.Text type="secondary">{t('faq.column.answer')}</Typography.Text>
                <Typography.Paragraph className="faq-detail__answer">{faq.answer}</Typography.Paragraph>
              </div>
            </div>
          ),
        }}
      />
      {editable && (
        <FaqEditor
          open={editor.open}
          faq={editor.open ? editor.faq : null}
          categories={knownCategories}
          onSubmit={save}
          onClose={() => setEditor({ open: false })}
        />
      )}
    </div>
  );
}
