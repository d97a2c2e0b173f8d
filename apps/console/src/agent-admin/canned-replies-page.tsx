import { App, Button, Popconfirm, Segmented, Space, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { roleCan } from '../auth/role-can.js';
import { useSignedInUser } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ListSearch } from '../layout/list-search.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { useRemoteList } from '../lists/use-remote-list.js';
import type { CannedReply, CannedReplyInput } from './agent-admin-api-types.js';
import { CannedBodyPreview } from './canned-body-preview.js';
import { CannedReplyEditor } from './canned-reply-editor.js';
import { canEditCannedReply, filterCannedReplies, type CannedReplyFilter } from './canned-reply-filter.js';
import { useAgentAdminApi } from './use-agent-admin-api.js';

type Editing = { open: false } | { open: true; reply: CannedReply | null };

/** 快捷回复: the tenant's replies and the agent's own, searched, created, edited and deleted. */
export function CannedRepliesPage() {
  const admin = useAgentAdminApi();
  const user = useSignedInUser();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const canWriteTenant = roleCan(user.role, 'kb.write');
  const canReply = roleCan(user.role, 'conversations.reply');
  const replies = useRemoteList(() => admin.listCannedReplies().then((page) => page.items), [admin]);
  const [filter, setFilter] = useState<CannedReplyFilter>({ scope: 'all', q: '' });
  const [editing, setEditing] = useState<Editing>({ open: false });
  const shown = useMemo(() => filterCannedReplies(replies.items, filter), [replies.items, filter]);

  const save = async (input: CannedReplyInput) => {
    if (editing.open && editing.reply) {
      const { scope: _scope, ...patch } = input;
      await admin.updateCannedReply(editing.reply.id, patch);
    } else {
      await admin.createCannedReply(input);
    }
    toast.success(t('ticketAdmin.saved'));
    replies.reload();
  };

  const remove = async (reply: CannedReply) => {
    try {
      await admin.deleteCannedReply(reply.id);
      replies.setItems((items) => items.filter((item) => item.id !== reply.id));
      toast.success(t('ticketAdmin.deleted'));
    } catch (failure) {
      toast.error(describeError(failure, t));
    }
  };

  const columns: TableColumnsType<CannedReply> = [
    { key: 'shortcut', title: t('agentAdmin.canned.shortcut'), width: 130, render: (_: unknown, reply) => <Typography.Text code>/{reply.shortcut}</Typography.Text> },
    { key: 'title', title: t('agentAdmin.canned.titleField'), width: 160, dataIndex: 'title' },
    { key: 'body', title: t('agentAdmin.canned.body'), render: (_: unknown, reply) => <CannedBodyPreview body={reply.body} /> },
    {
      key: 'scope',
      title: t('agentAdmin.canned.scope'),
      width: 100,
      render: (_: unknown, reply) => <Tag color={reply.scope === 'tenant' ? 'blue' : 'default'}>{t(`agentAdmin.canned.scope.${reply.scope}`)}</Tag>,
    },
    {
      key: 'actions',
      title: t('ticketAdmin.actions'),
      width: 150,
      render: (_: unknown, reply) =>
        canEditCannedReply(reply, user.id, canWriteTenant) ? (
          <Space size={0}>
            <Button type="link" onClick={() => setEditing({ open: true, reply })} data-testid="canned-edit">
              {t('ticketAdmin.edit')}
            </Button>
            <Popconfirm title={t('ticketAdmin.deleteConfirm')} okButtonProps={{ danger: true }} okText={t('ticketAdmin.delete')} cancelText={t('common.cancel')} onConfirm={() => remove(reply)}>
              <Button type="link" danger data-testid="canned-delete">
                {t('ticketAdmin.delete')}
              </Button>
            </Popconfirm>
          </Space>
        ) : null,
    },
  ];

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('agentAdmin.canned.title')}
        </Typography.Title>
        {canReply && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, reply: null })} data-testid="canned-create">
            {t('agentAdmin.canned.create')}
          </Button>
        )}
      </div>
      <Space wrap className="agent-admin__filters">
        <Segmented<CannedReplyFilter['scope']>
          value={filter.scope}
          onChange={(scope) => setFilter((current) => ({ ...current, scope }))}
          options={[
            { value: 'all', label: t('agentAdmin.canned.scope.all') },
            { value: 'tenant', label: t('agentAdmin.canned.scope.tenant') },
            { value: 'personal', label: t('agentAdmin.canned.scope.personal') },
          ]}
        />
        <ListSearch placeholder={t('agentAdmin.canned.search')} onSearch={(q) => setFilter((current) => ({ ...current, q }))} testId="canned-search" />
      </Space>
      <LoadFailedAlert title={t('ticketAdmin.loadFailed')} error={replies.error} />
      <Table<CannedReply> rowKey="id" size="middle" loading={replies.loading} columns={columns} dataSource={shown} pagination={{ pageSize: 50, hideOnSinglePage: true }} locale={{ emptyText: t('agentAdmin.canned.empty') }} data-testid="canned-table" />
      {editing.open && <CannedReplyEditor reply={editing.reply} canWriteTenant={canWriteTenant} onSave={save} onClose={() => setEditing({ open: false })} />}
    </div>
  );
}
