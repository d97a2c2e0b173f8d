import { Alert, App, Button, Drawer, Input, List, Popconfirm, Select, Space, Switch, Table, Tabs, Tag, Typography, Upload } from 'antd';
import type { TableColumnsType as ColumnsType } from 'antd';
import { DeleteOutlined, ExportOutlined, LinkOutlined, ReloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { formatDateTime } from '../format/clock-time.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { useRemoteList } from '../lists/use-remote-list.js';
import { DocumentsApi, passageLink, type DocumentPassage, type DocumentSummary, type DocumentVersion, type ImportResult, type PassageUse } from './documents-api.js';

const ACCEPT = '.pdf,.docx,.md,.markdown,.html,.htm,.txt';

/** 知识库 › 文档: upload or fetch manuals, see their passages, versions and uses, switch passages, delete. */
export function DocumentsPage() {
  const { api } = useSession();
  const user = useSignedInUser();
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const documents = useMemo(() => new DocumentsApi(api), [api]);
  const editable = roleCan(user.role, 'kb.write');
  const [busy, setBusy] = useState(false);
  const [url, setUrl] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);

  const { items, loading, error, reload } = useRemoteList(() => documents.list().then((page) => page.items), [documents]);

  const announce = useCallback(
    (result: ImportResult) => {
      if (!result.changed) toast.info(t('documents.unchanged'));
      else if (result.version > 1) toast.success(t('documents.newVersion', { version: result.version }));
      else toast.success(t('documents.imported', { title: result.document.title, passages: result.document.passages }));
      reload();
    },
    [reload, t, toast],
  );
  const run = useCallback(
    async (action: () => Promise<ImportResult>) => {
      setBusy(true);
      try {
        announce(await action());
      } catch (failure) {
        toast.error(describeError(failure, t));
      } finally {
        setBusy(false);
      }
    },
    [announce, t, toast],
  );

  const remove = useCallback(
    async (document: DocumentSummary) => {
      try {
        await documents.remove(document.id);
        toast.success(t('documents.deleted'));
        if (openId === document.id) setOpenId(null);
        reload();
      } catch (failure) {
        toast.error(describeError(failure, t));
      }
    },
    [documents, openId, reload, t, toast],
  );

  const columns: ColumnsType<DocumentSummary> = [
    {
      title: t('documents.col.title'),
      dataIndex: 'title',
      render: (title: string, d) => (
        <Typography.Link onClick={() => setOpenId(d.id)} data-testid="document-title">
          {title}
        </Typography.Link>
      ),
    },
    {
      title: t('documents.col.source'),
      render: (_, d) => (
        <Space size={4}>
          <Tag>{d.sourceKind === 'url' ? t('documents.source.url') : t('documents.source.upload')}</Tag>
          <Typography.Text type="secondary" ellipsis style={{ maxWidth: 220 }} title={d.sourceUrl ?? d.sourceName}>
            {d.sourceUrl ?? d.sourceName}
          </Typography.Text>
        </Space>
      ),
    },
    { title: t('documents.col.version'), dataIndex: 'currentVersion', width: 80, render: (v: number) => `v${v}` },
    {
      title: t('documents.col.passages'),
      width: 140,
      render: (_, d) => (
        <Space size={4}>
          <span data-testid="document-passage-count">{d.passages}</span>
          {d.disabledPassages > 0 && <Tag color="orange">{t('documents.disabledCount', { count: d.disabledPassages })}</Tag>}
        </Space>
      ),
    },
    { title: t('documents.col.uses'), dataIndex: 'uses', width: 90 },
    { title: t('documents.col.importedAt'), dataIndex: 'importedAt', width: 170, render: (iso: string) => formatDateTime(iso, locale) },
    {
      title: t('documents.col.actions'),
      width: 260,
      render: (_, d) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setOpenId(d.id)}>
            {t('documents.view')}
          </Button>
          <Button type="link" size="small" icon={<ExportOutlined />} href={passageLink(d, '')} target="_blank" rel="noopener noreferrer">
            {t('documents.open')}
          </Button>
          {editable && (
            <Popconfirm title={t('documents.deleteConfirm', { title: d.title })} onConfirm={() => void remove(d)} okButtonProps={{ danger: true }}>
              <Button type="link" size="small" danger icon={<DeleteOutlined />} data-testid="document-delete">
                {t('documents.delete')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div className="page" data-testid="documents-page">
      <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t('documents.title')}
        </Typography.Title>
        <Alert type="info" showIcon title={t('documents.hint')} />
        {editable && (
          <Space wrap>
            <Upload
              accept={ACCEPT}
              showUploadList={false}
              disabled={busy}
              customRequest={({ file }) => void run(() => documents.upload(file as File))}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="document-upload">
                {t('documents.upload')}
              </Button>
            </Upload>
            <Space.Compact style={{ width: 520 }}>
              <Input value={url} onChange={(e) => setUrl(e.target.value)} placeholder={t('documents.urlPlaceholder')} prefix={<LinkOutlined />} data-testid="document-url" />
              <Button disabled={busy || !url.trim()} onClick={() => void run(() => documents.importUrl(url.trim())).then(() => setUrl(''))}>
                {t('documents.importUrl')}
              </Button>
            </Space.Compact>
          </Space>
        )}
        {roleCan(user.role, 'users.manage') && <AllowedSites api={documents} />}
        <LoadFailedAlert title={t('documents.title')} error={error} />
        <Table rowKey="id" columns={columns} dataSource={items} loading={loading} pagination={false} locale={{ emptyText: t('documents.empty') }} data-testid="documents-table" />
      </Space>
      <DocumentDrawer
        api={documents}
        documentId={openId}
        editable={editable}
        onClose={() => setOpenId(null)}
        onChanged={reload}
        onReimport={(documentId, file) => run(() => documents.upload(file, documentId))}
        onRefresh={(documentId) => run(() => documents.refresh(documentId))}
      />
    </div>
  );
}

function AllowedSites({ api }: { api: DocumentsApi }) {
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [sites, setSites] = useState<string[]>([]);
  useEffect(() => {
    api.allowedSites().then((s) => setSites(s.allowedSites), () => undefined);
  }, [api]);
  const save = async () => {
    try {
      setSites((await api.setAllowedSites(sites)).allowedSites);
      toast.success(t('documents.sitesSaved'));
    } catch (failure) {
      toast.error(describeError(failure, t));
    }
  };
  return (
    <Space wrap>
      <Typography.Text>{t('documents.sites')}</Typography.Text>
      <Select mode="tags" value={sites} onChange={setSites} open={false} style={{ minWidth: 420 }} placeholder={t('documents.sitesPlaceholder')} tokenSeparators={[',', ' ', '，']} data-testid="document-sites" />
      <Button onClick={() => void save()}>{t('documents.sitesSave')}</Button>
    </Space>
  );
}

interface DrawerProps {
  api: DocumentsApi;
  documentId: string | null;
  editable: boolean;
  onClose: () => void;
  onChanged: () => void;
  onReimport: (documentId: string, file: File) => Promise<void>;
  onRefresh: (documentId: string) => Promise<void>;
}

function DocumentDrawer({ api, documentId, editable, onClose, onChanged, onReimport, onRefresh }: DrawerProps) {
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const [detail, setDetail] = useState<(DocumentSummary & { passageList: DocumentPassage[] }) | null>(null);
  const [versions, setVersions] = useState<DocumentVersion[]>([]);
  const [uses, setUses] = useState<PassageUse[]>([]);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    if (!documentId) {
      setDetail(null);
      return;
    }
    let live = true;
    Promise.all([api.get(documentId), api.versions(documentId), api.uses(documentId)]).then(
      ([d, v, u]) => {
        if (!live) return;
        setDetail(d);
        setVersions(v.items);
        setUses(u.items);
      },
      (failure) => live && toast.error(describeError(failure, t)),
    );
    return () => {
      live = false;
    };
  }, [api, documentId, revision, t, toast]);

  const toggle = async (passage: DocumentPassage, enabled: boolean) => {
    if (!detail) return;
    try {
      const saved = await api.setPassageEnabled(detail.id, passage.id, enabled);
      setDetail({ ...detail, passageList: detail.passageList.map((p) => (p.id === saved.id ? saved : p)) });
      toast.success(t('documents.passageSwitched'));
      onChanged();
    } catch (failure) {
      toast.error(describeError(failure, t));
    }
  };
  const after = (work: Promise<void>) => void work.then(() => setRevision((n) => n + 1));

  return (
    <Drawer open={documentId !== null} onClose={onClose} width={760} title={detail?.title} destroyOnHidden data-testid="document-drawer"
      extra={
        detail && editable ? (
          <Space>
            <Upload accept={ACCEPT} showUploadList={false} customRequest={({ file }) => after(onReimport(detail.id, file as File))}>
              <Button icon={<UploadOutlined />}>{t('documents.reimport')}</Button>
            </Upload>
            {detail.sourceKind === 'url' && (
              <Button icon={<ReloadOutlined />} onClick={() => after(onRefresh(detail.id))}>
                {t('documents.refresh')}
              </Button>
            )}
          </Space>
        ) : null
      }
    >
      {detail && (
        <Tabs
          items={[
            {
              key: 'passages',
              label: t('documents.tab.passages', { count: detail.passageList.length }),
              children: (
                <List
                  dataSource={detail.passageList}
                  data-testid="document-passages"
                  renderItem={(p) => (
                    <List.Item
                      data-testid="document-passage"
                      actions={[
                        <Switch key="enabled" size="small" checked={p.enabled} disabled={!editable} onChange={(on) => void toggle(p, on)} checkedChildren={t('documents.passageEnabled')} unCheckedChildren={t('documents.passageDisabled')} />,
                        <Button key="open" type="link" size="small" href={passageLink(detail, p.anchor)} target="_blank" rel="noopener noreferrer" icon={<ExportOutlined />} />,
                      ]}
                    >
                      <List.Item.Meta
                        title={<Typography.Text type="secondary" data-testid="document-passage-path">{p.headingPath.length > 0 ? p.headingPath.join(' › ') : t('documents.noHeading')}</Typography.Text>}
                        description={<Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0, opacity: p.enabled ? 1 : 0.5 }}>{p.text}</Typography.Paragraph>}
                      />
                    </List.Item>
                  )}
                />
              ),
            },
            {
              key: 'versions',
              label: t('documents.tab.versions'),
              children: (
                <Table
                  rowKey="version"
                  size="small"
                  pagination={false}
                  dataSource={versions}
                  columns={[
                    { title: t('documents.col.version'), dataIndex: 'version', render: (v: number) => t('documents.version.number', { version: v }) },
                    { title: t('documents.col.importedAt'), dataIndex: 'importedAt', render: (iso: string) => formatDateTime(iso, locale) },
                    { title: t('documents.version.by'), dataIndex: 'importedByName', render: (name: string | null) => name ?? t('documents.system') },
                    { title: t('documents.col.passages'), dataIndex: 'passages' },
                    { title: t('documents.version.pages'), dataIndex: 'pages', render: (n: number | null) => n ?? '—' },
                    { title: t('documents.version.size'), dataIndex: 'bytes', render: (n: number) => `${(n / 1024).toFixed(1)} KB` },
                  ]}
                />
              ),
            },
            {
              key: 'uses',
              label: t('documents.tab.uses'),
              children: (
                <List
                  dataSource={uses}
                  locale={{ emptyText: t('documents.use.empty') }}
                  renderItem={(u) => (
                    <List.Item
                      actions={u.conversationId ? [<Typography.Link key="c" href={`#/conversations/${encodeURIComponent(u.conversationId)}`}>{t('documents.use.conversation')}</Typography.Link>] : []}
                    >
                      <List.Item.Meta
                        title={
                          <Space>
                            <Tag>{t(`documents.use.channel.${u.channel}`)}</Tag>
                            <Typography.Text type="secondary">{formatDateTime(u.createdAt, locale)}</Typography.Text>
                          </Space>
                        }
                        description={u.headingPath ? `${u.headingPath.join(' › ')}：${u.excerpt ?? ''}` : t('documents.use.replaced')}
                      />
                    </List.Item>
                  )}
                />
              ),
            },
          ]}
        />
      )}
    </Drawer>
  );
}
