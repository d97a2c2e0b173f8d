import { Alert, Button, Card, Col, Collapse, DatePicker, Empty, Row, Select, Space, Spin, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DownloadOutlined, InfoCircleOutlined, ReloadOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSession } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { Translate } from '../i18n/translate.js';
import { zhCN, type MessageKey } from '../i18n/zh-CN.js';
import { DashboardApi } from './dashboard-api.js';
import type { Dashboard, DashboardFilter } from './dashboard-api-types.js';
import { CONVERSATION_CHANNELS } from '../api/api-types.js';
import { formatRate, formatSeconds, funnelOf } from './dashboard-format.js';
import { EChartView, type ChartOption } from './echart-view.js';
import { ExperimentsPanel, FindingsPanel } from '../insight-findings/insight-panels.js';
import './dashboard.css';

/** The measures whose definitions the screen states (keys of the server's `definitions`). */
const DEFINED = ['containmentRate', 'transferRate', 'searchSuccessRate', 'completionRate', 'faqHitRate', 'firstResponse', 'resolution', 'ticketClosureRate', 'csat', 'repeatContactRate', 'avgWait', 'agentHoursSaved'] as const;
const MAX_MONTHS = 13;

/** A code's label from the catalogue, or the code itself when the catalogue has none (a reason added later). */
function labelOf(t: Translate, prefix: string, code: string): string {
  const key = `${prefix}${code}`;
  return key in zhCN ? t(key as MessageKey) : code;
}

/** 数据看板: containment, handoffs, self-service funnels, knowledge gaps, response times, tickets, CSAT and agents, from the daily rollups. */
export function DashboardPage() {
  const { t, locale } = useI18n();
  const { api } = useSession();
  const client = useMemo(() => new DashboardApi(api), [api]);
  // No range at first: the server's default (the last 30 days, today included) is shown and stays live on refresh.
  const [filter, setFilter] = useState<DashboardFilter>({});
  const [board, setBoard] = useState<Dashboard | null>(null);
  const [groups, setGroups] = useState<{ id: string; name: string }[]>([]);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [funnelFlow, setFunnelFlow] = useState<string | null>(null);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      setBoard(await client.dashboard(filter));
      setError(null);
    } catch (err) {
      setError(describeError(err, t));
    } finally {
      setLoading(false);
    }
  }, [client, filter, t]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    client.groups().then((page) => setGroups(page.items.map((g) => ({ id: g.id, name: g.name }))), () => setGroups([]));
  }, [client]);

  const rate = (v: number | null) => formatRate(v, locale);
  const secs = (v: number | null) => formatSeconds(v, locale);
  const def = (key: (typeof DEFINED)[number]) => t(`dashboard.def.${key}` as MessageKey);
  const labelled = (title: string, key?: (typeof DEFINED)[number]) => (
    <span>
      {title}
      {key ? (
        <Tooltip title={def(key)}>
          <InfoCircleOutlined className="dashboard__info" />
        </Tooltip>
      ) : null}
    </span>
  );

  const trend = useMemo<ChartOption | null>(() => {
    if (!board) return null;
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('dashboard.kpi.visits'), t('dashboard.kpi.conversations'), t('dashboard.kpi.containment')] },
      grid: { left: 48, right: 56, top: 40, bottom: 32 },
      xAxis: { type: 'category', data: board.series.map((d) => d.day.slice(5)) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('dashboard.kpi.visits'), type: 'bar', data: board.series.map((d) => d.visits), itemStyle: { color: '#91caff' } },
        { name: t('dashboard.kpi.conversations'), type: 'line', smooth: true, data: board.series.map((d) => d.conversations) },
        { name: t('dashboard.kpi.containment'), type: 'line', smooth: true, yAxisIndex: 1, data: board.series.map((d) => (d.containmentRate === null ? null : Math.round(d.containmentRate * 1000) / 10)) },
      ],
    };
  }, [board, t]);

  const reasons = useMemo<ChartOption | null>(() => {
    if (!board) return null;
    return {
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      series: [{ type: 'pie', radius: ['40%', '70%'], data: board.handoffReasons.map((r) => ({ name: labelOf(t, 'dashboard.reason.', r.reason), value: r.count })) }],
    };
  }, [board, t]);

  const stars = useMemo<ChartOption | null>(() => {
    if (!board) return null;
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 28 },
      xAxis: { type: 'category', data: board.ratingDistribution.map((d) => t('dashboard.stars', { stars: d.stars })) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: board.ratingDistribution.map((d) => ({ value: d.count, itemStyle: { color: d.stars >= 4 ? '#52c41a' : d.stars === 3 ? '#faad14' : '#ff4d4f' } })) }],
    };
  }, [board, t]);

  const shownFlow = board?.flows.find((f) => f.flowId === funnelFlow) ?? board?.flows[0] ?? null;
  const funnel = useMemo<ChartOption | null>(() => {
    if (!shownFlow) return null;
    const steps = funnelOf(shownFlow.steps);
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string; value: number; data: { reached: number } }) => `${p.name}: ${p.data.reached} (${Math.round(p.value)}%)` },
      series: [
        {
          type: 'funnel',
          sort: 'none',
          left: 40,
          right: 40,
          minSize: '12%',
          label: { position: 'inside', color: '#fff', formatter: (p: { name: string; data: { reached: number } }) => `${p.name}  ${p.data.reached}` },
          data: steps.map((s) => ({ name: s.stepId, value: s.share * 100, reached: s.reached })),
        },
      ],
    };
  }, [shownFlow]);

  const shown = filter.from && filter.to ? { from: filter.from, to: filter.to } : board?.range;
  const range: [Dayjs, Dayjs] | null = shown ? [dayjs(shown.from), dayjs(shown.to)] : null;
  // The exports cover the days on screen.
  const exported: DashboardFilter = shown ? { ...filter, from: shown.from, to: shown.to } : filter;
  const totals = board?.totals;

  const agentColumns: TableColumnsType<Dashboard['agents'][number]> = [
    { title: t('dashboard.agent.name'), dataIndex: 'name', render: (name: string | null, row) => name ?? row.agentId.slice(0, 8) },
    { title: t('dashboard.agent.chats'), dataIndex: 'chats', sorter: (a, b) => a.chats - b.chats },
    { title: t('dashboard.agent.wait'), dataIndex: 'avgWaitSeconds', render: secs },
    { title: t('dashboard.agent.firstResponse'), dataIndex: 'avgFirstResponseSeconds', render: secs, sorter: (a, b) => (a.avgFirstResponseSeconds ?? 0) - (b.avgFirstResponseSeconds ?? 0) },
    { title: t('dashboard.agent.resolved'), dataIndex: 'resolved' },
    { title: t('dashboard.agent.resolution'), dataIndex: 'avgResolutionSeconds', render: secs },
    { title: t('dashboard.agent.ratings'), dataIndex: 'ratings' },
    { title: 'CSAT', dataIndex: 'csat', render: rate, sorter: (a, b) => (a.csat ?? 0) - (b.csat ?? 0) },
    { title: t('dashboard.agent.tickets'), dataIndex: 'ticketsResolved' },
  ];
  const flowColumns: TableColumnsType<Dashboard['flows'][number]> = [
    { title: t('dashboard.flow.name'), dataIndex: 'title' },
    { title: t('dashboard.flow.started'), dataIndex: 'started' },
    { title: t('dashboard.flow.completed'), dataIndex: 'completed' },
    { title: labelled(t('dashboard.flow.rate'), 'completionRate'), dataIndex: 'completionRate', render: rate },
    { title: t('dashboard.flow.failed'), dataIndex: 'failed' },
    { title: t('dashboard.flow.cancelled'), dataIndex: 'cancelled' },
    { title: t('dashboard.flow.abandoned'), key: 'abandoned', render: (_: unknown, f) => Math.max(0, f.started - f.completed - f.failed - f.cancelled) },
    {
      title: t('dashboard.flow.reasons'),
      dataIndex: 'failureReasons',
      render: (rs: { reason: string; count: number }[]) => rs.map((r) => <Tag key={r.reason}>{`${labelOf(t, 'dashboard.failReason.', r.reason)} ${r.count}`}</Tag>),
    },
  ];

  return (
    <div className="dashboard" data-testid="dashboard-page">
      <Space className="dashboard__filters" wrap>
        <Typography.Title level={4} className="dashboard__title">
          {t('nav.dashboard')}
        </Typography.Title>
        <DatePicker.RangePicker
          allowClear={false}
          value={range}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(v) => {
            if (!v?.[0] || !v[1]) return;
            const [from, to] = v[1].diff(v[0], 'month', true) >= MAX_MONTHS ? [v[1].subtract(MAX_MONTHS, 'month').add(1, 'day'), v[1]] : [v[0], v[1]];
            setFilter((f) => ({ ...f, from: from.format('YYYY-MM-DD'), to: to.format('YYYY-MM-DD') }));
          }}
        />
        <Select allowClear placeholder={t('dashboard.filter.channel')} style={{ width: 130 }} value={filter.channel} onChange={(channel?: string) => setFilter((f) => ({ ...f, channel }))} options={CONVERSATION_CHANNELS.map((c) => ({ value: c, label: t(`conversation.channel.${c}`) }))} data-testid="dashboard-channel" />
        <Select allowClear placeholder={t('dashboard.filter.group')} style={{ width: 150 }} value={filter.groupId} onChange={(groupId?: string) => setFilter((f) => ({ ...f, groupId }))} options={groups.map((g) => ({ value: g.id, label: g.name }))} />
        <Select allowClear placeholder={t('dashboard.filter.flow')} style={{ width: 170 }} value={filter.flow} onChange={(flow?: string) => setFilter((f) => ({ ...f, flow }))} options={(board?.flows ?? []).map((f) => ({ value: f.flowId, label: f.title }))} />
        <Button icon={<ReloadOutlined />} onClick={() => void load()} loading={loading}>
          {t('dashboard.refresh')}
        </Button>
        <Button icon={<DownloadOutlined />} href={DashboardApi.csvUrl('daily', exported)} data-testid="dashboard-csv-daily">
          {t('dashboard.csv.daily')}
        </Button>
        <Button icon={<DownloadOutlined />} href={DashboardApi.csvUrl('conversations', exported)}>
          {t('dashboard.csv.conversations')}
        </Button>
      </Space>
      {error ? <Alert type="error" showIcon title={t('dashboard.loadFailed')} description={error} /> : null}
      {!board || !totals ? (
        <Spin spinning={loading}>
          <Empty description={t('dashboard.empty')} />
        </Spin>
      ) : (
        <Spin spinning={loading}>
          <Row gutter={[12, 12]}>
            {[
              [t('dashboard.kpi.visits'), totals.visits, undefined, 'kpi-visits'],
              [t('dashboard.kpi.conversations'), totals.conversations, undefined, 'kpi-conversations'],
              [t('dashboard.kpi.containment'), rate(totals.containmentRate), 'containmentRate', 'kpi-containment'],
              [t('dashboard.kpi.transfer'), rate(totals.transferRate), 'transferRate', 'kpi-transfer'],
              ['CSAT', rate(totals.csat), 'csat', 'kpi-csat'],
              [t('dashboard.kpi.firstResponse'), secs(totals.avgFirstResponseSeconds), 'firstResponse', 'kpi-frt'],
              [t('dashboard.kpi.wait'), secs(totals.avgWaitSeconds), 'avgWait', 'kpi-wait'],
              [t('dashboard.kpi.hoursSaved'), t('dashboard.hours', { hours: totals.agentHoursSaved }), 'agentHoursSaved', 'kpi-hours'],
            ].map(([title, value, key, testId]) => (
              <Col key={testId} xs={12} md={6} xl={3}>
                <Card size="small">
                  <Statistic title={labelled(title as string, key as (typeof DEFINED)[number] | undefined)} value={value as string | number} data-testid={testId} />
                </Card>
              </Col>
            ))}
          </Row>
          <Collapse
            className="dashboard__definitions"
            size="small"
            items={[{ key: 'defs', label: t('dashboard.definitions'), children: <ul className="dashboard__def-list">{DEFINED.map((k) => <li key={k}>{def(k)}</li>)}</ul> }]}
          />
          <Card size="small" title={t('dashboard.section.trend')} className="dashboard__card">
            {trend ? <EChartView option={trend} testId="chart-trend" /> : null}
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={labelled(t('dashboard.section.handoff'), 'transferRate')} className="dashboard__card" extra={<span>{t('dashboard.unserved', { count: totals.unserved })}</span>}>
                {board.handoffReasons.length && reasons ? <EChartView option={reasons} height={240} /> : <Empty />}
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={labelled(t('dashboard.section.csat'), 'csat')} className="dashboard__card" extra={<span>{t('dashboard.responseRate', { rate: rate(totals.ratingResponseRate) })}</span>}>
                {stars ? <EChartView option={stars} height={240} testId="chart-stars" /> : null}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={labelled(t('dashboard.section.selfservice'), 'completionRate')} className="dashboard__card">
            <Table size="small" rowKey="flowId" pagination={false} columns={flowColumns} dataSource={board.flows} onRow={(row) => ({ onClick: () => setFunnelFlow(row.flowId) })} rowClassName={(row) => (row.flowId === shownFlow?.flowId ? 'dashboard__row--selected' : '')} />
            {shownFlow && funnel ? (
              <div className="dashboard__funnel">
                <Typography.Text strong>{t('dashboard.funnel', { flow: shownFlow.title })}</Typography.Text>
                <EChartView option={funnel} height={Math.max(200, shownFlow.steps.length * 44)} testId="chart-funnel" />
              </div>
            ) : null}
          </Card>
          <Row gutter={[12, 12]}>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('dashboard.section.knowledge')} className="dashboard__card">
                <Space size="large" wrap>
                  <Statistic title={labelled(t('dashboard.kpi.faqHit'), 'faqHitRate')} value={rate(totals.faqHitRate)} />
                  <Statistic title={labelled(t('dashboard.kpi.search'), 'searchSuccessRate')} value={rate(totals.searchSuccessRate)} />
                  <Statistic title={t('dashboard.kpi.zeroResult')} value={rate(totals.zeroResultRate)} />
                  <Statistic title={t('dashboard.kpi.helpful')} value={rate(totals.helpfulRate)} />
                </Space>
                <Table
                  size="small"
                  rowKey="question"
                  pagination={false}
                  className="dashboard__inner-table"
                  columns={[
                    { title: t('dashboard.unanswered'), dataIndex: 'question' },
                    { title: t('dashboard.count'), dataIndex: 'count', width: 80 },
                  ]}
                  dataSource={board.topUnanswered}
                />
              </Card>
            </Col>
            <Col xs={24} lg={12}>
              <Card size="small" title={t('dashboard.section.service')} className="dashboard__card">
                <Space size="large" wrap>
                  <Statistic title={labelled(t('dashboard.kpi.resolution'), 'resolution')} value={secs(totals.avgResolutionSeconds)} />
                  <Statistic title={labelled(t('dashboard.kpi.repeat'), 'repeatContactRate')} value={rate(totals.repeatContactRate)} />
                  <Statistic title={t('dashboard.kpi.tickets')} value={totals.ticketsCreated} />
                  <Statistic title={labelled(t('dashboard.kpi.ticketClosure'), 'ticketClosureRate')} value={rate(totals.ticketClosureRate)} />
                  <Statistic title={t('dashboard.kpi.slaBreach')} value={rate(totals.ticketSlaBreachRate)} />
                  <Statistic title={t('dashboard.kpi.ticketFirstResponse')} value={secs(totals.avgTicketFirstResponseSeconds)} />
                  <Statistic title={t('dashboard.kpi.ticketResolution')} value={secs(totals.avgTicketResolutionSeconds)} />
                </Space>
                <Table
                  size="small"
                  rowKey="faqId"
                  pagination={false}
                  className="dashboard__inner-table"
                  columns={[
                    { title: t('dashboard.topFaq'), dataIndex: 'question', render: (q: string | null, row) => q ?? row.faqId },
                    { title: t('dashboard.hits'), dataIndex: 'hits', width: 70 },
                    { title: t('dashboard.notHelpful'), dataIndex: 'notHelpful', width: 80 },
                  ]}
                  dataSource={board.topFaqs.slice(0, 8)}
                />
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('dashboard.section.agents')} className="dashboard__card">
            <Table size="small" rowKey="agentId" pagination={false} columns={agentColumns} dataSource={board.agents} data-testid="dashboard-agents" />
          </Card>
          <Card size="small" title={t('dashboard.section.comments')} className="dashboard__card">
            <Table
              size="small"
              rowKey={(c) => `${c.at}:${c.comment}`}
              pagination={false}
              columns={[
                { title: t('dashboard.comment.stars'), dataIndex: 'stars', width: 80, render: (s: number) => '★'.repeat(s) },
                { title: t('dashboard.comment.text'), dataIndex: 'comment' },
                { title: t('dashboard.comment.tags'), dataIndex: 'tags', render: (tags: string[]) => tags.map((x) => <Tag key={x}>{x}</Tag>) },
                { title: t('dashboard.comment.at'), dataIndex: 'at', width: 170, render: (at: string) => new Date(at).toLocaleString(locale) },
              ]}
              dataSource={board.recentComments}
            />
          </Card>
          <FindingsPanel />
          <ExperimentsPanel />
        </Spin>
      )}
    </div>
  );
}
