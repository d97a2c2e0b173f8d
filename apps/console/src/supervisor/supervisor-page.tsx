import { App, Badge, Button, Card, Col, Empty, Progress, Row, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useMemo, useState } from 'react';
import { ChannelTag } from '../conversations/channel-tag.js';
import { useSignedInUser } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useNow } from '../format/use-now.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { buildOverviewView, type AgentRow, type HotRow } from './overview-view.js';
import { ReassignDialog } from './reassign-dialog.js';
import type { AgentPresence, OverviewGroup } from './supervisor-api-types.js';
import { useHandoffOverview } from './use-handoff-overview.js';
import { useSupervisorApi } from './use-supervisor-api.js';
import { formatWait, waitLevel, waitSecondsAt } from './wait-clock.js';
import './supervisor.css';

const presenceBadge: Record<AgentPresence, 'success' | 'warning' | 'default'> = { online: 'success', away: 'warning', offline: 'default' };

interface SupervisorPageProps {
  /** Any conversation, read-only for the supervisor (the conversations screen). */
  onOpenConversation: (conversationId: string) => void;
  /** A chat the supervisor now holds (the workspace). */
  onOpenChat: (conversationId: string) => void;
}

/** 实时监控: each chat group's queue, each agent's state and load, and the hot list with take-over and reassign. */
export function SupervisorPage({ onOpenConversation, onOpenChat }: SupervisorPageProps) {
  const { t } = useI18n();
  const user = useSignedInUser();
  const api = useSupervisorApi();
  const { message: toast } = App.useApp();
  const live = useHandoffOverview();
  const now = useNow(1_000);
  const [reassigning, setReassigning] = useState<HotRow | null>(null);
  const [takingOver, setTakingOver] = useState<string | null>(null);
  const view = useMemo(() => (live.overview ? buildOverviewView(live.overview) : null), [live.overview]);
  const ticking = (seconds: number) => waitSecondsAt(seconds, live.loadedAt, now);

  const reassign = async (requestId: string, toUserId: string) => {
    await api.reassign(requestId, toUserId);
    toast.success(t('supervisor.reassign.done'));
    live.reload();
  };

  const takeOver = async (row: HotRow) => {
    setTakingOver(row.requestId);
    try {
      await reassign(row.requestId, user.id);
      onOpenChat(row.conversationId);
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setTakingOver(null);
    }
  };

  const waitCell = (seconds: number, waiting: boolean) =>
    waiting ? <span className={`supervisor__wait supervisor__wait--${waitLevel(seconds)}`}>{formatWait(seconds)}</span> : <span className="supervisor__muted">—</span>;

  const groupColumns: TableColumnsType<OverviewGroup> = [
    { key: 'name', title: t('supervisor.group'), render: (_: unknown, group) => <Typography.Text strong>{group.name}</Typography.Text> },
    {
      key: 'open',
      title: t('supervisor.hours'),
      width: 110,
      render: (_: unknown, group) => <Tag color={group.open ? 'green' : 'default'}>{t(group.open ? 'supervisor.open' : 'supervisor.closed')}</Tag>,
    },
    { key: 'waiting', title: t('supervisor.waiting'), width: 100, dataIndex: 'waiting', render: (waiting: number) => <Badge count={waiting} showZero color={waiting ? '#fa8c16' : '#d9d9d9'} /> },
    { key: 'longest', title: t('supervisor.longestWait'), width: 130, render: (_: unknown, group) => waitCell(ticking(group.longestWaitSeconds), group.waiting > 0) },
    { key: 'online', title: t('supervisor.onlineAgents'), width: 110, dataIndex: 'onlineAgents' },
  ];

  const agentColumns: TableColumnsType<AgentRow> = [
    {
      key: 'name',
      title: t('supervisor.agent'),
      render: (_: unknown, agent) => <Badge status={presenceBadge[agent.presence]} text={agent.name} />,
    },
    { key: 'presence', title: t('supervisor.presence'), width: 100, render: (_: unknown, agent) => t(`presence.${agent.presence}`) },
    {
      key: 'load',
      title: t('supervisor.loadTitle'),
      width: 180,
      render: (_: unknown, agent) => (
        <Tooltip title={t('supervisor.load', { active: agent.activeChats, max: agent.maxChats })}>
          <Progress percent={Math.round(agent.load * 100)} size="small" status={agent.full ? 'exception' : 'normal'} format={() => `${agent.activeChats}/${agent.maxChats}`} />
        </Tooltip>
      ),
    },
    {
      key: 'skills',
      title: t('supervisor.skills'),
      render: (_: unknown, agent) => (agent.skills.length ? agent.skills.map((skill) => <Tag key={skill}>{skill}</Tag>) : <span className="supervisor__muted">—</span>),
    },
  ];

  const hotColumns: TableColumnsType<HotRow> = [
    {
      key: 'kind',
      title: t('supervisor.hot.kind'),
      width: 110,
      render: (_: unknown, row) => <Tag color={row.kind === 'risk' ? 'red' : row.kind === 'anger' ? 'orange' : 'default'}>{t(`supervisor.hot.${row.kind}`)}</Tag>,
    },
    { key: 'channel', title: t('supervisor.hot.channel'), width: 100, render: (_: unknown, row) => <ChannelTag channel={row.channel} /> },
    { key: 'reason', title: t('supervisor.hot.reason'), render: (_: unknown, row) => t(`handoff.reason.${row.reason}`) },
    { key: 'status', title: t('supervisor.hot.status'), width: 100, render: (_: unknown, row) => t(`supervisor.status.${row.status}`) },
    {
      key: 'agent',
      title: t('supervisor.agent'),
      width: 120,
      render: (_: unknown, row) => {
        if (row.assignedTo) return row.assignedName ?? row.assignedTo.slice(0, 8);
        // Who is being rung right now: the supervisor can see the offer is out before reassigning.
        if (row.status === 'offered' && row.offeredTo)
          return <span data-testid="hot-offered-to">{t('supervisor.hot.offeredTo', { name: row.offeredName ?? row.offeredTo.slice(0, 8) })}</span>;
        return <span className="supervisor__muted">{t('supervisor.hot.unassigned')}</span>;
      },
    },
    {
      key: 'wait',
      title: t('supervisor.hot.wait'),
      width: 100,
      render: (_: unknown, row) => waitCell(row.status === 'assigned' ? row.waitSeconds : ticking(row.waitSeconds), true),
    },
    {
      key: 'actions',
      title: t('ticketAdmin.actions'),
      width: 260,
      render: (_: unknown, row) => (
        <Space size={0}>
          <Button type="link" onClick={() => onOpenConversation(row.conversationId)} data-testid="hot-open">
            {t('supervisor.hot.open')}
          </Button>
          {row.assignedTo !== user.id && (
            <Button type="link" loading={takingOver === row.requestId} onClick={() => void takeOver(row)} data-testid="hot-take-over">
              {t('supervisor.hot.takeOver')}
            </Button>
          )}
          <Button type="link" onClick={() => setReassigning(row)} data-testid="hot-reassign">
            {t('supervisor.hot.reassign')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <div className="supervisor" data-testid="supervisor-page">
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('supervisor.title')}
        </Typography.Title>
        <Button icon={<ReloadOutlined />} onClick={live.reload} data-testid="supervisor-reload">
          {t('supervisor.reload')}
        </Button>
      </div>
      <LoadFailedAlert title={t('supervisor.loadFailed')} error={live.error} />
      <Row gutter={[16, 16]} className="supervisor__totals">
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('supervisor.totals.waiting')} value={view?.totals.waiting ?? 0} loading={!view && live.loading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic
              title={t('supervisor.totals.longestWait')}
              value={view && view.totals.waiting > 0 ? formatWait(ticking(view.totals.longestWaitSeconds)) : '—'}
              loading={!view && live.loading}
            />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('supervisor.totals.online')} value={view?.totals.onlineAgents ?? 0} loading={!view && live.loading} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small">
            <Statistic title={t('supervisor.totals.freeSlots')} value={view?.totals.freeSlots ?? 0} loading={!view && live.loading} />
          </Card>
        </Col>
      </Row>
      <Card size="small" title={t('supervisor.hot.title')} className="supervisor__card">
        <Table<HotRow>
          rowKey="requestId"
          size="small"
          columns={hotColumns}
          dataSource={view?.hot ?? []}
          loading={!view && live.loading}
          pagination={false}
          rowClassName={(row) => `supervisor__hot supervisor__hot--${row.kind}`}
          locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervisor.hot.empty')} /> }}
          data-testid="supervisor-hot"
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('supervisor.groups')} className="supervisor__card">
            <Table<OverviewGroup> rowKey="id" size="small" columns={groupColumns} dataSource={view?.groups ?? []} loading={!view && live.loading} pagination={false} locale={{ emptyText: t('supervisor.groupsEmpty') }} data-testid="supervisor-groups" />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card size="small" title={t('supervisor.agents')} className="supervisor__card">
            <Table<AgentRow> rowKey="userId" size="small" columns={agentColumns} dataSource={view?.agents ?? []} loading={!view && live.loading} pagination={false} locale={{ emptyText: t('supervisor.agentsEmpty') }} data-testid="supervisor-agents" />
          </Card>
        </Col>
      </Row>
      {reassigning && view && <ReassignDialog row={reassigning} agents={view.agents} onReassign={reassign} onClose={() => setReassigning(null)} />}
    </div>
  );
}
