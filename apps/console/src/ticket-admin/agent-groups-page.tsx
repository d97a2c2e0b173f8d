import { App, Button, Form, Input, Modal, Popconfirm, Space, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { MessageOutlined, PlusOutlined, TeamOutlined } from '@ant-design/icons';
import { useState } from 'react';
import { GroupChatDialog } from '../agent-admin/group-chat-dialog.js';
import { GroupChatSummary } from '../agent-admin/group-chat-summary.js';
import type { AgentGroupWithChat } from '../agent-admin/group-chat-settings.js';
import type { AgentGroup, AgentGroupInput } from '../api/api-types.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { useRemoteList } from '../lists/use-remote-list.js';
import { GroupMembersDrawer } from './group-members-drawer.js';
import { useTicketAdminApi } from './use-ticket-admin-api.js';

type Editing = { open: false } | { open: true; group: AgentGroup | null };

/** 部门/组: the groups tickets route to, and their members. */
export function AgentGroupsPage({ editable }: { editable: boolean }) {
  const admin = useTicketAdminApi();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const groups = useRemoteList(() => admin.listGroups().then((page) => page.items), [admin]);
  const [editing, setEditing] = useState<Editing>({ open: false });
  const [membersOf, setMembersOf] = useState<AgentGroup | null>(null);
  const [chatOf, setChatOf] = useState<AgentGroupWithChat | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<AgentGroupInput>();

  const save = async (input: AgentGroupInput) => {
    setSaving(true);
    try {
      if (editing.open && editing.group) await admin.updateGroup(editing.group.id, input);
      else await admin.createGroup(input);
      toast.success(t('ticketAdmin.saved'));
      setEditing({ open: false });
      groups.reload();
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  const remove = async (group: AgentGroup) => {
    try {
      await admin.deleteGroup(group.id);
      toast.success(t('ticketAdmin.deleted'));
      groups.reload();
    } catch (failure) {
      toast.error(describeError(failure, t));
    }
  };

  const columns: TableColumnsType<AgentGroup> = [
    { key: 'name', title: t('ticketAdmin.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { key: 'description', title: t('ticketAdmin.description'), dataIndex: 'description', ellipsis: true },
    { key: 'members', title: t('groups.members'), width: 160, render: (_: unknown, group) => t('groups.memberSummary', { count: group.memberCount, onDuty: group.onDutyCount }) },
    { key: 'chat', title: t('groupChat.column'), width: 220, render: (_: unknown, group) => <GroupChatSummary group={group} /> },
    {
      key: 'actions',
      title: t('ticketAdmin.actions'),
      width: 340,
      render: (_: unknown, group) => (
        <Space size={0}>
          <Button type="link" icon={<TeamOutlined />} onClick={() => setMembersOf(group)} data-testid="group-members">
            {t('groups.members')}
          </Button>
          {editable && (
            <>
              <Button type="link" icon={<MessageOutlined />} onClick={() => setChatOf(group)} data-testid="group-chat">
                {t('groupChat.edit')}
              </Button>
              <Button type="link" onClick={() => setEditing({ open: true, group })}>
                {t('ticketAdmin.edit')}
              </Button>
              <Popconfirm title={t('ticketAdmin.deleteConfirm')} okButtonProps={{ danger: true }} okText={t('ticketAdmin.delete')} cancelText={t('common.cancel')} onConfirm={() => remove(group)}>
                <Button type="link" danger>
                  {t('ticketAdmin.delete')}
                </Button>
              </Popconfirm>
            </>
          )}
        </Space>
      ),
    },
  ];

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('groups.title')}
        </Typography.Title>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, group: null })} data-testid="group-create">
            {t('ticketAdmin.create')}
          </Button>
        )}
      </div>
      <LoadFailedAlert title={t('ticketAdmin.loadFailed')} error={groups.error} />
      <Table<AgentGroup> rowKey="id" size="middle" loading={groups.loading} columns={columns} dataSource={groups.items} pagination={false} locale={{ emptyText: t('groups.empty') }} />
      <Modal
        open={editing.open}
        title={editing.open && editing.group ? editing.group.name : t('ticketAdmin.create')}
        onCancel={() => setEditing({ open: false })}
        onOk={() => form.submit()}
        okText={t('ticketAdmin.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form<AgentGroupInput>
          form={form}
          layout="vertical"
          preserve={false}
          initialValues={editing.open && editing.group ? { name: editing.group.name, description: editing.group.description } : { name: '', description: '' }}
          onFinish={(values) => void save({ name: values.name.trim(), description: (values.description ?? '').trim() })}
        >
          <Form.Item name="name" label={t('ticketAdmin.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input maxLength={100} data-testid="group-name" />
          </Form.Item>
          <Form.Item name="description" label={t('ticketAdmin.description')} rules={[{ max: 500 }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 2 }} />
          </Form.Item>
        </Form>
      </Modal>
      {chatOf && <GroupChatDialog group={chatOf} groups={groups.items} onClose={() => setChatOf(null)} onSaved={groups.reload} />}
      {membersOf && <GroupMembersDrawer group={membersOf} editable={editable} onClose={() => setMembersOf(null)} onSaved={groups.reload} />}
    </div>
  );
}
