import { App, Button, Drawer, InputNumber, Select, Space, Switch, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import type { AgentGroup, AgentGroupMember } from '../api/api-types.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { useTicketAdminApi } from './use-ticket-admin-api.js';

/** A member row while editing; a new row has no user yet. */
interface MemberRow {
  rowKey: string;
  userId: string | null;
  name: string;
  isSupervisor: boolean;
  maxOpenTickets: number;
  onDuty: boolean;
  email?: string;
  /** False for a deactivated account: kept in the list, never assigned work. */
  active?: boolean;
  openTickets?: number;
}

const DEFAULT_LIMIT = 10;

/** The members of one group: who, supervisor or not, how many open tickets at once, on duty. Saved as a whole list. */
export function GroupMembersDrawer({ group, editable, onClose, onSaved }: { group: AgentGroup; editable: boolean; onClose: () => void; onSaved: () => void }) {
  const admin = useTicketAdminApi();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [rows, setRows] = useState<MemberRow[]>([]);
  const [users, setUsers] = useState<{ value: string; label: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    let cancelled = false;
    admin.listMembers(group.id).then(
      (page) => {
        if (cancelled) return;
        setRows(page.items.map((member: AgentGroupMember) => ({ rowKey: member.userId, ...member })));
        setLoading(false);
      },
      (failure: unknown) => {
        if (cancelled) return;
        setError(describeError(failure, t));
        setLoading(false);
      },
    );
    if (editable)
      admin.listUsers().then(
        (page) => !cancelled && setUsers(page.items.filter((user) => user.active && user.role !== 'analyst').map((user) => ({ value: user.id, label: `${user.name}（${user.email}）` }))),
        () => undefined,
      );
    return () => {
      cancelled = true;
    };
    // t is left out on purpose: a language switch must not refetch.
  }, [admin, group.id, editable]);

  const patch = (rowKey: string, change: Partial<MemberRow>) => setRows((current) => current.map((row) => (row.rowKey === rowKey ? { ...row, ...change } : row)));

  const save = async () => {
    const chosen = rows.filter((row): row is MemberRow & { userId: string } => row.userId !== null);
    if (new Set(chosen.map((row) => row.userId)).size !== chosen.length) {
      toast.error(t('groups.member.duplicate'));
      return;
    }
    setSaving(true);
    try {
      await admin.setMembers(
        group.id,
        chosen.map(({ userId, isSupervisor, maxOpenTickets, onDuty }) => ({ userId, isSupervisor, maxOpenTickets, onDuty })),
      );
      toast.success(t('ticketAdmin.saved'));
      // The groups list shows member and on-duty counts: it must not keep the old ones.
      onSaved();
      onClose();
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<MemberRow> = [
    {
      key: 'user',
      title: t('groups.member.user'),
      render: (_: unknown, row) =>
        editable && row.userId === null ? (
          <Select showSearch optionFilterProp="label" placeholder={t('groups.member.pickUser')} options={users} onChange={(userId: string) => patch(row.rowKey, { userId })} className="ticket-admin__wide" data-testid="member-user" />
        ) : (
          <Typography.Text delete={row.active === false}>{row.email ? `${row.name}（${row.email}）` : (users.find((user) => user.value === row.userId)?.label ?? row.name)}</Typography.Text>
        ),
    },
    { key: 'supervisor', title: t('groups.member.supervisor'), width: 80, render: (_: unknown, row) => <Switch size="small" checked={row.isSupervisor} disabled={!editable} onChange={(isSupervisor) => patch(row.rowKey, { isSupervisor })} /> },
    {
      key: 'limit',
      title: t('groups.member.limit'),
      width: 120,
      render: (_: unknown, row) => <InputNumber min={0} max={1000} precision={0} value={row.maxOpenTickets} disabled={!editable} onChange={(value) => patch(row.rowKey, { maxOpenTickets: value ?? 0 })} />,
    },
    { key: 'onDuty', title: t('groups.member.onDuty'), width: 70, render: (_: unknown, row) => <Switch size="small" checked={row.onDuty} disabled={!editable} onChange={(onDuty) => patch(row.rowKey, { onDuty })} /> },
    { key: 'load', title: t('groups.member.load'), width: 80, render: (_: unknown, row) => row.openTickets ?? '—' },
    ...(editable
      ? [
          {
            key: 'remove',
            width: 50,
            render: (_: unknown, row: MemberRow) => <Button type="text" danger icon={<DeleteOutlined />} title={t('groups.member.remove')} onClick={() => setRows((current) => current.filter((other) => other.rowKey !== row.rowKey))} />,
          },
        ]
      : []),
  ];

  return (
    <Drawer
      open
      onClose={onClose}
      size={760}
      title={t('groups.membersOf', { name: group.name })}
      footer={
        editable && (
          <Space>
            <Button onClick={onClose}>{t('common.cancel')}</Button>
            <Button type="primary" loading={saving} onClick={() => void save()} data-testid="members-save">
              {t('ticketAdmin.save')}
            </Button>
          </Space>
        )
      }
    >
      <LoadFailedAlert title={t('ticketAdmin.loadFailed')} error={error} />
      <Table<MemberRow> rowKey="rowKey" size="small" loading={loading} columns={columns} dataSource={rows} pagination={false} />
      {editable && (
        <Button
          type="dashed"
          block
          icon={<PlusOutlined />}
          className="ticket-admin__add"
          onClick={() => setRows((current) => [...current, { rowKey: `new-${Date.now()}-${current.length}`, userId: null, name: '', isSupervisor: false, maxOpenTickets: DEFAULT_LIMIT, onDuty: true }])}
          data-testid="member-add"
        >
          {t('groups.member.add')}
        </Button>
      )}
    </Drawer>
  );
}
