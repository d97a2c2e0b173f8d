import { App, Button, Card, Descriptions, Empty, Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../format/clock-time.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import type { ConsentEntry, DataSubject, PrivacyApi, PrivacyRequestKind } from './privacy-api.js';
import { PrivacyRequestsTable } from './privacy-requests-table.js';

/** Find a customer (visitor id, your user id, or name) → their consent ledger, and export / delete / anonymise requests. */
export function DataSubjectPanel({ privacy }: { privacy: PrivacyApi }) {
  const { t, locale } = useI18n();
  const [found, setFound] = useState<DataSubject[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<DataSubject | null>(null);

  const search = async (q: string) => {
    if (!q.trim()) return;
    setSearching(true);
    try {
      const { items } = await privacy.subjects(q.trim());
      setFound(items);
      setSelected(items.length === 1 ? items[0]! : null);
      setError(null);
    } catch (e) {
      setError(describeError(e, t));
    } finally {
      setSearching(false);
    }
  };

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Input.Search placeholder={t('privacy.subject.searchPlaceholder')} enterButton={t('privacy.subject.search')} loading={searching} onSearch={(q) => void search(q)} data-testid="privacy-subject-search" allowClear />
      <LoadFailedAlert title={t('privacy.subject.searchFailed')} error={error} />
      {found !== null && (
        <Table<DataSubject>
          rowKey="visitorId"
          size="small"
          dataSource={found}
          pagination={false}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('privacy.subject.none')} /> }}
          rowSelection={{ type: 'radio', selectedRowKeys: selected ? [selected.visitorId] : [], onChange: (_, rows) => setSelected(rows[0] ?? null) }}
          onRow={(row) => ({ onClick: () => setSelected(row) })}
          data-testid="privacy-subjects"
          columns={[
            { title: t('privacy.subject.name'), dataIndex: 'name', render: (name: string | null) => name ?? t('offer.anonymous') },
            { title: t('privacy.subject.externalId'), dataIndex: 'externalId', render: (id: string | null) => id ?? '—' },
            { title: t('privacy.subject.visitorId'), dataIndex: 'visitorId', render: (id: string) => <Typography.Text code>{id}</Typography.Text> },
            { title: t('privacy.subject.firstSeen'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
          ]}
        />
      )}
      {selected && <SubjectCard key={selected.visitorId} privacy={privacy} subject={selected} />}
    </Space>
  );
}

function SubjectCard({ privacy, subject }: { privacy: PrivacyApi; subject: DataSubject }) {
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const [ledger, setLedger] = useState<ConsentEntry[] | null>(null);
  const [ledgerError, setLedgerError] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [creating, setCreating] = useState<PrivacyRequestKind | null>(null);

  useEffect(() => {
    privacy.consents(subject.visitorId).then((page) => setLedger(page.items), (e: unknown) => setLedgerError(describeError(e, t)));
  }, [privacy, subject.visitorId, t]);

  const create = async (kind: PrivacyRequestKind) => {
    setCreating(kind);
    try {
      const request = await privacy.createRequest(kind, subject.visitorId);
      toast.success(t('privacy.request.created', { due: formatDateTime(request.dueAt, locale) }));
      setReloadKey((k) => k + 1);
    } catch (e) {
      toast.error(describeError(e, t));
    } finally {
      setCreating(null);
    }
  };

  return (
    <Card title={subject.name ?? t('offer.anonymous')} data-testid="privacy-subject-card">
      <Descriptions size="small" column={2}>
        <Descriptions.Item label={t('privacy.subject.visitorId')}>{subject.visitorId}</Descriptions.Item>
        <Descriptions.Item label={t('privacy.subject.externalId')}>
          {subject.externalId ?? '—'} {subject.verified && <Tag color="green">{t('conversation.verified')}</Tag>}
        </Descriptions.Item>
      </Descriptions>

      <Typography.Title level={5}>{t('privacy.ledger.title')}</Typography.Title>
      <LoadFailedAlert title={t('privacy.loadFailed')} error={ledgerError} />
      <Table<ConsentEntry>
        rowKey="id"
        size="small"
        loading={ledger === null && !ledgerError}
        dataSource={ledger ?? []}
        pagination={false}
        data-testid="privacy-ledger"
        locale={{ emptyText: t('privacy.ledger.empty') }}
        columns={[
          { title: t('privacy.ledger.at'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
          { title: t('privacy.ledger.scope'), dataIndex: 'scope', render: (scope: string) => t(`privacy.scope.${scope as 'notice'}`) },
          {
            title: t('privacy.ledger.action'),
            dataIndex: 'action',
            render: (action: ConsentEntry['action']) => (
              <Tag color={action === 'granted' ? 'green' : 'orange'} data-testid="privacy-ledger-action">
                {t(`privacy.ledger.${action}`)}
              </Tag>
            ),
          },
          { title: t('privacy.ledger.noticeVersion'), dataIndex: 'noticeVersion' },
        ]}
      />

      <Typography.Title level={5} style={{ marginTop: 24 }}>
        {t('privacy.request.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('privacy.request.help')}</Typography.Paragraph>
      <Space style={{ marginBottom: 12 }}>
        {(['export', 'anonymise', 'delete'] as const).map((kind) => (
          <Button key={kind} danger={kind === 'delete'} loading={creating === kind} onClick={() => void create(kind)} data-testid={`privacy-create-${kind}`}>
            {t(`privacy.create.${kind}`)}
          </Button>
        ))}
      </Space>
      <PrivacyRequestsTable privacy={privacy} subjectRef={subject.visitorId} reloadKey={reloadKey} />
    </Card>
  );
}
