import { App, Button, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { formatDateTime } from '../format/clock-time.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { PrivacyApi, type PrivacyRequest } from './privacy-api.js';

const STATUS_COLOR: Record<PrivacyRequest['status'], string> = { open: 'blue', completed: 'green', rejected: 'default' };

interface PrivacyRequestsTableProps {
  privacy: PrivacyApi;
  /** Only this visitor's requests. */
  subjectRef?: string;
  /** Changes when a request was added elsewhere, to reload. */
  reloadKey?: number;
}

/** Data subjects' requests with their deadline and status: download an export, carry out a deletion or anonymisation. */
export function PrivacyRequestsTable({ privacy, subjectRef, reloadKey = 0 }: PrivacyRequestsTableProps) {
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const [items, setItems] = useState<PrivacyRequest[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [executing, setExecuting] = useState<string | null>(null);

  const load = useCallback(() => {
    privacy.requests().then(
      (page) => {
        setItems(subjectRef ? page.items.filter((r) => r.subjectRef === subjectRef) : page.items);
        setError(null);
      },
      (e: unknown) => setError(describeError(e, t)),
    );
  }, [privacy, subjectRef, t]);
  useEffect(load, [load, reloadKey]);

  const execute = async (request: PrivacyRequest) => {
    setExecuting(request.id);
    try {
      const done = await privacy.execute(request.id);
      toast.success(t(done.kind === 'delete' ? 'privacy.request.deleted' : 'privacy.request.anonymised'));
      load();
    } catch (e) {
      toast.error(describeError(e, t));
    } finally {
      setExecuting(null);
    }
  };

  return (
    <>
      <LoadFailedAlert title={t('privacy.loadFailed')} error={error} />
      <Table<PrivacyRequest>
        rowKey="id"
        size="small"
        loading={items === null && !error}
        dataSource={items ?? []}
        data-testid="privacy-requests"
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        columns={[
          { title: t('privacy.request.kind'), dataIndex: 'kind', render: (kind: PrivacyRequest['kind']) => t(`privacy.kind.${kind}`) },
          ...(subjectRef ? [] : [{ title: t('privacy.request.subject'), dataIndex: 'subjectRef', render: (ref: string) => <Typography.Text code>{ref}</Typography.Text> }]),
          {
            title: t('privacy.request.status'),
            dataIndex: 'status',
            render: (status: PrivacyRequest['status'], r) => (
              <Space size={4}>
                <Tag color={STATUS_COLOR[status]} data-testid="privacy-request-status">
                  {t(`privacy.status.${status}`)}
                </Tag>
                {r.overdue && <Tag color="red">{t('privacy.request.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('privacy.request.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
          { title: t('privacy.request.dueAt'), dataIndex: 'dueAt', render: (at: string) => formatDateTime(at, locale) },
          { title: t('privacy.request.completedAt'), dataIndex: 'completedAt', render: (at: string | null) => (at ? formatDateTime(at, locale) : '—') },
          {
            title: t('privacy.request.actions'),
            key: 'actions',
            render: (_, r) =>
              r.kind === 'export' ? (
                <a href={PrivacyApi.archiveUrl(r.id)} download data-testid="privacy-request-download">
                  {t('privacy.request.download')}
                </a>
              ) : r.status === 'open' ? (
                <Popconfirm title={t(r.kind === 'delete' ? 'privacy.request.confirmDelete' : 'privacy.request.confirmAnonymise')} onConfirm={() => void execute(r)} okButtonProps={{ danger: true }}>
                  <Button size="small" danger loading={executing === r.id} data-testid="privacy-request-execute">
                    {t('privacy.request.execute')}
                  </Button>
                </Popconfirm>
              ) : (
                <Typography.Text type="secondary">{summary(r.result)}</Typography.Text>
              ),
          },
        ]}
      />
    </>
  );
}

/** What an erasure removed, as the server counted it ("messages 12, tickets 1"). */
function summary(result: Record<string, unknown>): string {
  const removed = result.removed;
  if (!removed || typeof removed !== 'object') return '';
  return Object.entries(removed as Record<string, unknown>)
    .filter(([, n]) => typeof n === 'number' && n > 0)
    .map(([name, n]) => `${name} ${String(n)}`)
    .join(', ');
}
