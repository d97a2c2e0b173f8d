import { App, Badge, Button, Form, InputNumber, Modal, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { roleCan } from '../auth/role-can.js';
import { useSignedInUser } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { useRemoteList } from '../lists/use-remote-list.js';
import type { AgentProfile, AgentProfilePatch } from './agent-admin-api-types.js';
import { SkillSelect } from './skill-select.js';
import { useAgentAdminApi } from './use-agent-admin-api.js';

/** The server's bounds for an agent's concurrent chats. */
const MAX_CHATS_LIMIT = 50;

const presenceBadge = { online: 'success', away: 'warning', offline: 'default' } as const;

/** 坐席: every staff member's chat skills and capacity; admins edit them (`users.manage`). */
export function AgentsPage() {
  const admin = useAgentAdminApi();
  const user = useSignedInUser();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const editable = roleCan(user.role, 'users.manage');
  const agents = useRemoteList(() => admin.listAgents().then((page) => page.items), [admin]);
  const [editing, setEditing] = useState<AgentProfile | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<Required<AgentProfilePatch>>();
  const inUse = useMemo(() => agents.items.flatMap((agent) => agent.skills), [agents.items]);

  const save = async (values: Required<AgentProfilePatch>) => {
    if (!editing) return;
    setSaving(true);
    try {
      const saved = await admin.updateAgent(editing.userId, { maxChats: values.maxChats, skills: values.skills });
      agents.setItems((items) => items.map((agent) => (agent.userId === editing.userId ? { ...agent, ...saved } : agent)));
      toast.success(t('ticketAdmin.saved'));
      setEditing(null);
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<AgentProfile> = [
    {
      key: 'name',
      title: t('agentAdmin.agent'),
      render: (_: unknown, agent) => (
        <div>
          <Typography.Text strong>{agent.name}</Typography.Text>
          {agent.email && <div className="supervisor__muted">{agent.email}</div>}
        </div>
      ),
    },
    {
      key: 'groups',
      title: t('agentAdmin.groups'),
      render: (_: unknown, agent) => (agent.groups?.length ? agent.groups.map((group) => <Tag key={group.id} color={group.isSupervisor ? 'gold' : undefined}>{group.name}</Tag>) : <span className="supervisor__muted">—</span>),
    },
    { key: 'presence', title: t('supervisor.presence'), width: 110, render: (_: unknown, agent) => <Badge status={presenceBadge[agent.presence]} text={t(`presence.${agent.presence}`)} /> },
    { key: 'load', title: t('agentAdmin.maxChats'), width: 130, render: (_: unknown, agent) => t('supervisor.load', { active: agent.activeChats, max: agent.maxChats }) },
    {
      key: 'skills',
      title: t('supervisor.skills'),
      render: (_: unknown, agent) => (agent.skills.length ? agent.skills.map((skill) => <Tag key={skill}>{skill}</Tag>) : <span className="supervisor__muted">{t('agentAdmin.noSkills')}</span>),
    },
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('ticketAdmin.actions'),
            width: 90,
            render: (_: unknown, agent: AgentProfile) => (
              <Button type="link" onClick={() => setEditing(agent)} data-testid="agent-edit">
                {t('ticketAdmin.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('agentAdmin.agents.title')}
        </Typography.Title>
      </div>
      <Typography.Paragraph type="secondary">{t('agentAdmin.agents.hint')}</Typography.Paragraph>
      <LoadFailedAlert title={t('ticketAdmin.loadFailed')} error={agents.error} />
      <Table<AgentProfile> rowKey="userId" size="middle" loading={agents.loading} columns={columns} dataSource={agents.items} pagination={false} locale={{ emptyText: t('supervisor.agentsEmpty') }} data-testid="agents-table" />
      <Modal
        open={editing !== null}
        title={editing?.name}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        okText={t('ticketAdmin.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        {editing && (
          <Form<Required<AgentProfilePatch>> form={form} layout="vertical" preserve={false} initialValues={{ maxChats: editing.maxChats, skills: editing.skills }} onFinish={(values) => void save(values)}>
            <Form.Item name="maxChats" label={t('agentAdmin.maxChats')} extra={t('agentAdmin.maxChatsHint')} rules={[{ required: true, type: 'integer', min: 0, max: MAX_CHATS_LIMIT }]}>
              <InputNumber min={0} max={MAX_CHATS_LIMIT} precision={0} data-testid="agent-max-chats" />
            </Form.Item>
            <Form.Item name="skills" label={t('supervisor.skills')} extra={t('agentAdmin.skillsHint')}>
              <SkillSelect inUse={inUse} placeholder={t('agentAdmin.skillsPlaceholder')} testId="agent-skills" />
            </Form.Item>
          </Form>
        )}
      </Modal>
    </div>
  );
}
