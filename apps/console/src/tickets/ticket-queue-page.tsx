import { App, Badge, Button, Select, Space, Table, Tabs, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useRef, useState, type HTMLAttributes } from 'react';
import type { TicketBulkPatch, TicketPriority, TicketQueue, TicketStatus, TicketSummaryDto } from '../api/api-types.js';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { formatDateTime } from '../format/clock-time.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ListSearch } from '../layout/list-search.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import { DutySwitch } from './duty-switch.js';
import { isQueueTab, QUEUE_TABS, queueQuery, type TicketFilters } from './queue-query.js';
import { clockTarget, matchingPolicy } from './sla-countdown.js';
import { TicketApi } from './ticket-api.js';
import { SlaCountdownTag, TICKET_PRIORITIES, TICKET_STATUSES, TicketPriorityTag, TicketStatusTag } from './ticket-tags.js';
import { statusChoices } from './status-choices.js';
import { useTicketReference } from './use-ticket-reference.js';
import './tickets.css';

interface TicketQueuePageProps {
  onOpen: (ticketId: string) => void;
  /** Ticket ids and numbers whose SLA alert arrived while the console was open; their rows are highlighted. */
  alerted: ReadonlySet<string>;
}

// The tab survives opening a ticket and coming back (the page is unmounted meanwhile); per browser tab.
const TAB_STORAGE_KEY = 'zhida.tickets.queue';

function readStoredTab(): TicketQueue {
  try {
    const stored = sessionStorage.getItem(TAB_STORAGE_KEY);
    if (stored && isQueueTab(stored)) return stored;
  } catch {
    // Storage may be refused (private browsing): start on 我的.
  }
  return 'mine';
}

// Realtime changes come in bursts (a bulk update touches many tickets): refetch once per burst.
const REFRESH_DEBOUNCE_MS = 800;
// Business minutes left are computed by the server at fetch time; refresh them now and then.
const COUNTDOWN_REFRESH_MS = 60_000;

/** The ticket queues: tabs with counts, filters, search, keyset "load more", SLA countdowns and bulk actions. */
export function TicketQueuePage({ onOpen, alerted }: TicketQueuePageProps) {
  const { api } = useSession();
  const user = useSignedInUser();
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const { socket, epoch } = useAgentSocket();
  const tickets = useMemo(() => new TicketApi(api), [api]);
  const reference = useTicketReference(epoch);
  const writable = roleCan(user.role, 'tickets.write');

  const [tab, setTab] = useState<TicketQueue>(readStoredTab);
  const [filters, setFilters] = useState<TicketFilters>({});
  const [items, setItems] = useState<TicketSummaryDto[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [counts, setCounts] = useState<Partial<Record<TicketQueue, number>>>({});
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [refreshes, setRefreshes] = useState(0);
  const request = useRef(0);

  const refresh = useCallback(() => setRefreshes((n) => n + 1), []);

  // The first page of the current tab; a newer request makes an older answer stale.
  useEffect(() => {
    const id = ++request.current;
    setLoading(true);
    tickets.list(queueQuery(tab, filters)).then(
      (page) => {
        if (id !== request.current) return;
        setItems(page.items);
        setNextCursor(page.nextCursor);
        setCounts((current) => ({ ...current, [tab]: page.total }));
        setSelected((current) => current.filter((ticketId) => page.items.some((item) => item.id === ticketId)));
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (id !== request.current) return;
        setError(describeError(failure, t));
        setLoading(false);
      },
    );
    // t is left out on purpose: a language switch must not refetch.
  }, [tickets, tab, filters, refreshes, epoch]);

  // The other tabs' counts (one-row queries), with the same filters.
  useEffect(() => {
    let cancelled = false;
    for (const other of QUEUE_TABS) {
      if (other === tab) continue;
      tickets.list({ ...queueQuery(other, filters), limit: 1 }).then(
        (page) => {
          if (!cancelled) setCounts((current) => ({ ...current, [other]: page.total }));
        },
        () => undefined,
      );
    }
    return () => {
      cancelled = true;
    };
  }, [tickets, tab, filters, refreshes, epoch]);

  useEffect(() => {
    if (!socket) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onChanged = () => {
      clearTimeout(timer);
      timer = setTimeout(refresh, REFRESH_DEBOUNCE_MS);
    };
    socket.on('ticket.changed', onChanged);
    socket.on('ticket.sla_alert', onChanged);
    return () => {
      clearTimeout(timer);
      socket.off('ticket.changed', onChanged);
      socket.off('ticket.sla_alert', onChanged);
    };
  }, [socket, refresh]);

  useEffect(() => {
    const timer = setInterval(refresh, COUNTDOWN_REFRESH_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const loadMore = useCallback(async () => {
    if (!nextCursor) return;
    const id = request.current;
    setLoadingMore(true);
    try {
      const page = await tickets.list(queueQuery(tab, filters, nextCursor));
      if (id !== request.current) return;
      setItems((current) => [...current, ...page.items.filter((item) => !current.some((known) => known.id === item.id))]);
      setNextCursor(page.nextCursor);
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setLoadingMore(false);
    }
  }, [tickets, tab, filters, nextCursor, toast, t]);

  const bulk = useCallback(
    async (patch: TicketBulkPatch) => {
      try {
        const { updated } = await tickets.bulk(selected, patch);
        toast.success(t('tickets.bulk.done', { count: updated }));
        setSelected([]);
        refresh();
      } catch (failure) {
        toast.error(describeError(failure, t));
      }
    },
    [tickets, selected, toast, t, refresh],
  );

  const setFilter = useCallback(<K extends keyof TicketFilters>(key: K, value: TicketFilters[K] | undefined) => {
    setFilters((current) => ({ ...current, [key]: value }));
  }, []);

  const columns = useMemo<TableColumnsType<TicketSummaryDto>>(
    () => [
      {
        key: 'number',
        title: t('tickets.column.number'),
        width: 170,
        render: (_: unknown, ticket) => (
          <a
            href={`#/tickets/${encodeURIComponent(ticket.id)}`}
            data-testid="ticket-number"
            onClick={(event) => {
              event.preventDefault();
              onOpen(ticket.id);
            }}
          >
            {ticket.number}
          </a>
        ),
      },
      { key: 'subject', title: t('tickets.column.subject'), dataIndex: 'subject', ellipsis: true },
      { key: 'status', title: t('tickets.column.status'), width: 120, render: (_: unknown, ticket) => <TicketStatusTag status={ticket.status} /> },
      { key: 'priority', title: t('tickets.column.priority'), width: 100, render: (_: unknown, ticket) => <TicketPriorityTag priority={ticket.priority} /> },
      { key: 'category', title: t('tickets.column.category'), width: 120, render: (_: unknown, ticket) => ticket.category?.name ?? t('tickets.none') },
      {
        key: 'group',
        title: t('tickets.column.group'),
        width: 120,
        render: (_: unknown, ticket) => ticket.group?.name ?? <Typography.Text type="warning">{ticket.needsTriage ? t('tickets.noGroup') : t('tickets.none')}</Typography.Text>,
      },
      {
        key: 'assignee',
        title: t('tickets.column.assignee'),
        width: 110,
        render: (_: unknown, ticket) => ticket.assignee?.name ?? <Typography.Text type="secondary">{t('tickets.unassigned')}</Typography.Text>,
      },
      {
        key: 'sla',
        title: t('tickets.column.sla'),
        width: 150,
        render: (_: unknown, ticket) => {
          // A resolved or closed ticket's clocks have stopped: "无 SLA" would say it never had one.
          if (!ticket.nextDeadline && (ticket.status === 'resolved' || ticket.status === 'closed')) return <Typography.Text type="secondary">{t('tickets.none')}</Typography.Text>;
          const policy = matchingPolicy(reference.policies, ticket.priority, ticket.category?.key ?? null);
          const target = policy && ticket.nextDeadline ? clockTarget(policy, ticket.nextDeadline.clock) : null;
          return <SlaCountdownTag clock={ticket.nextDeadline} targetMinutes={target} />;
        },
      },
      { key: 'updatedAt', title: t('tickets.column.updatedAt'), width: 160, render: (_: unknown, ticket) => formatDateTime(ticket.updatedAt, locale) },
    ],
    [t, locale, onOpen, reference.policies],
  );

  const options = {
    status: TICKET_STATUSES.map((value) => ({ value, label: t(`tickets.status.${value}`) })),
    // What the bulk bar may set: every status but "new", which the server refuses as a target.
    bulkStatus: statusChoices(null).map(({ value }) => ({ value, label: t(`tickets.status.${value}`) })),
    priority: TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priority.${value}`) })),
    category: reference.categories.map((category) => ({ value: category.id, label: category.name })),
    group: reference.groups.map((group) => ({ value: group.id, label: group.name })),
    assignee: reference.users.map((staff) => ({ value: staff.id, label: staff.name })),
  };

  return (
    <div className="ticket-queue">
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('tickets.title')}
        </Typography.Title>
        <Space>
          {writable && <DutySwitch groups={reference.groups} />}
          <Button icon={<ReloadOutlined />} onClick={refresh} data-testid="tickets-refresh">
            {t('tickets.refresh')}
          </Button>
        </Space>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key as TicketQueue);
          setSelected([]);
          try {
            sessionStorage.setItem(TAB_STORAGE_KEY, key);
          } catch {
            // Not kept: the queue opens on 我的 next time.
          }
        }}
        items={QUEUE_TABS.map((queue) => ({
          key: queue,
          label: (
            <span data-testid={`ticket-tab-${queue}`}>
              {t(`tickets.queue.${queue}`)}{' '}
              <Badge count={counts[queue] ?? 0} showZero overflowCount={9999} color={queue === 'breached' ? 'red' : queue === 'due_soon' ? 'orange' : 'blue'} size="small" data-testid={`ticket-count-${queue}`} />
            </span>
          ),
        }))}
      />
      <div className="ticket-queue__filters">
        <ListSearch placeholder={t('tickets.searchPlaceholder')} onSearch={(q) => setFilter('q', q)} testId="tickets-search" />
        <Select allowClear placeholder={t('tickets.filter.status')} options={options.status} value={filters.status} onChange={(value) => setFilter('status', value)} className="ticket-queue__filter" data-testid="tickets-filter-status" />
        <Select allowClear placeholder={t('tickets.filter.priority')} options={options.priority} value={filters.priority} onChange={(value) => setFilter('priority', value)} className="ticket-queue__filter" data-testid="tickets-filter-priority" />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('tickets.filter.category')} options={options.category} value={filters.categoryId} onChange={(value) => setFilter('categoryId', value)} className="ticket-queue__filter" />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('tickets.filter.group')} options={options.group} value={filters.groupId} onChange={(value) => setFilter('groupId', value)} className="ticket-queue__filter" />
        <Select allowClear showSearch optionFilterProp="label" placeholder={t('tickets.filter.assignee')} options={options.assignee} value={filters.assigneeId} onChange={(value) => setFilter('assigneeId', value)} className="ticket-queue__filter" />
      </div>
      {writable && selected.length > 0 && (
        <div className="ticket-queue__bulk" data-testid="tickets-bulk">
          <Typography.Text strong>{t('tickets.selected', { count: selected.length })}</Typography.Text>
          <Select placeholder={t('tickets.bulk.assign')} showSearch optionFilterProp="label" options={options.assignee} value={null} onChange={(assigneeId: string) => void bulk({ assigneeId })} className="ticket-queue__filter" data-testid="tickets-bulk-assign" />
          <Select placeholder={t('tickets.bulk.group')} showSearch optionFilterProp="label" options={options.group} value={null} onChange={(groupId: string) => void bulk({ groupId })} className="ticket-queue__filter" data-testid="tickets-bulk-group" />
          <Select<TicketPriority | null> placeholder={t('tickets.bulk.priority')} options={options.priority} value={null} onChange={(priority) => priority && void bulk({ priority })} className="ticket-queue__filter" data-testid="tickets-bulk-priority" />
          <Select<TicketStatus | null> placeholder={t('tickets.bulk.status')} options={options.bulkStatus} value={null} onChange={(status) => status && void bulk({ status })} className="ticket-queue__filter" data-testid="tickets-bulk-status" />
          <Button type="link" onClick={() => setSelected([])}>
            {t('tickets.bulk.clear')}
          </Button>
        </div>
      )}
      <LoadFailedAlert title={t('tickets.loadFailed')} error={error} />
      <Table<TicketSummaryDto>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: t('tickets.empty') }}
        rowSelection={writable ? { selectedRowKeys: selected, onChange: (keys) => setSelected(keys.map(String)) } : undefined}
        rowClassName={(ticket) => (alerted.has(ticket.id) || alerted.has(ticket.number) ? 'ticket-row ticket-row--alerted' : ticket.breached ? 'ticket-row ticket-row--breached' : 'ticket-row')}
        onRow={(ticket) => ({ 'data-testid': 'ticket-row', 'data-number': ticket.number }) as HTMLAttributes<HTMLElement>}
      />
      <div className="ticket-queue__footer">
        <Typography.Text type="secondary">{t('tickets.total', { count: counts[tab] ?? items.length })}</Typography.Text>
        {nextCursor && (
          <Button onClick={() => void loadMore()} loading={loadingMore} data-testid="tickets-load-more">
            {t('tickets.loadMore')}
          </Button>
        )}
      </div>
    </div>
  );
}
