import { Alert, App, Button, Card, Input, Modal, Radio, Space, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { formatDateTime } from '../format/clock-time.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { FeedbackApi, type FeedbackSummary, type FollowUp, type MonthlyReport, type StaffRating } from './feedback-api.js';

const OUTCOMES = ['resolved', 'not_resolved', 'unreachable'] as const;
const rate = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

/** Last month in China time, `YYYY-MM`. */
function lastMonth(now = new Date()): string {
  const local = new Date(now.getTime() + 8 * 3_600_000);
  const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** 服务评价与月报: CSAT with its definition, low ratings and their 回访 (outcome recorded here; the ticket lives in 工单), all ratings, monthly reports to download. */
export function FeedbackPage({ onOpenTicket }: { onOpenTicket: (ticketId: string) => void }) {
  const { api } = useSession();
  const user = useSignedInUser();
  const { t, locale } = useI18n();
  const { message: toast } = App.useApp();
  const feedback = useMemo(() => new FeedbackApi(api), [api]);
  const [tab, setTab] = useState<'low' | 'all' | 'reports'>('low');
  const [summary, setSummary] = useState<FeedbackSummary | null>(null);
  const [ratings, setRatings] = useState<StaffRating[]>([]);
  const [reports, setReports] = useState<MonthlyReport[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [recording, setRecording] = useState<FollowUp | null>(null);
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('resolved');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const mayRecord = roleCan(user.role, 'tickets.write');
  const mayGenerate = user.role === 'admin';

  const load = useCallback(async () => {
    try {
      setError(null);
      const [s, r, m] = await Promise.all([feedback.summary(), feedback.ratings(tab === 'low' ? { maxStars: 3 } : {}), feedback.reports()]);
      setSummary(s);
      setRatings(r.items);
      setReports(m.items);
    } catch (err) {
      setError(describeError(err, t));
    }
    // t is left out on purpose: a language switch must not refetch.
  }, [feedback, tab]);

  useEffect(() => {
    void load();
  }, [load]);

  const saveOutcome = async () => {
    if (!recording) return;
    setBusy(true);
    try {
      await feedback.recordOutcome(recording.id, outcome, note);
      toast.success(t('feedback.outcome.saved'));
      setRecording(null);
      setNote('');
      await load();
    } catch (err) {
      toast.error(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const generate = async () => {
    setBusy(true);
    try {
      const report = await feedback.generate(lastMonth());
      toast.success(t('feedback.report.generatedToast', { month: report.month }));
      await load();
    } catch (err) {
      toast.error(describeError(err, t));
    } finally {
      setBusy(false);
    }
  };

  const ratingTable = (
    <Table<StaffRating>
      rowKey="id"
      size="small"
      dataSource={ratings}
      pagination={{ pageSize: 20 }}
      data-testid="feedback-ratings"
      columns={[
        { title: t('feedback.col.time'), dataIndex: 'createdAt', width: 150, render: (v: string) => formatDateTime(v, locale) },
        { title: t('feedback.col.stars'), dataIndex: 'stars', width: 100, render: (s: number) => <span style={{ color: '#faad14' }} data-testid="feedback-stars">{'★'.repeat(s)}{'☆'.repeat(5 - s)}</span> },
        {
          title: t('feedback.col.comment'),
          render: (_: unknown, r) => (
            <Space direction="vertical" size={2}>
              <span>{r.comment || '—'}</span>
              <span>{r.tags.map((tag) => <Tag key={tag}>{tag}</Tag>)}</span>
            </Space>
          ),
        },
        { title: t('feedback.col.handledBy'), width: 160, render: (_: unknown, r) => [r.agentName, r.groupName].filter(Boolean).join(' / ') || '—' },
        {
          title: t('feedback.col.followUp'),
          width: 260,
          render: (_: unknown, r) => {
            const f = r.followUp;
            if (!f) return '—';
            return (
              <Space direction="vertical" size={2} data-testid="feedback-follow-up">
                <Space size={4} wrap>
                  {f.ticketId && f.ticketNumber ? (
                    <Typography.Link onClick={() => onOpenTicket(f.ticketId!)} data-testid="feedback-follow-up-ticket">
                      {f.ticketNumber}
                    </Typography.Link>
                  ) : null}
                  {f.status === 'open' ? <Tag color="orange">{t('feedback.followUp.open')}</Tag> : <Tag color="green">{t(`feedback.outcome.${f.outcome ?? 'resolved'}`)}</Tag>}
                </Space>
                {f.status === 'open' && f.dueAt ? <Typography.Text type="secondary">{t('feedback.followUp.due', { time: formatDateTime(f.dueAt, locale) })}</Typography.Text> : null}
                {f.outcomeNote ? <Typography.Text type="secondary">{f.outcomeNote}</Typography.Text> : null}
                {f.customerStars !== null ? <Typography.Text>{t('feedback.followUp.customerStars', { stars: f.customerStars })}</Typography.Text> : null}
                {f.status === 'open' && mayRecord ? (
                  <Button size="small" onClick={() => setRecording(f)}>
                    {t('feedback.followUp.record')}
                  </Button>
                ) : null}
              </Space>
            );
          },
        },
      ]}
    />
  );

  return (
    <div style={{ padding: 16 }}>
      <Typography.Title level={4}>{t('feedback.title')}</Typography.Title>
      {error ? <Alert type="error" message={error} style={{ marginBottom: 12 }} /> : null}
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space size={48} wrap>
          <Statistic title={t('feedback.csat')} value={rate(summary?.csat ?? null)} />
          <Statistic title={t('feedback.responseRate')} value={rate(summary?.responseRate ?? null)} />
          <Statistic title={t('feedback.ratings')} value={summary?.ratings ?? 0} />
          <Statistic title={t('feedback.followUpSatisfaction')} value={rate(summary?.followUps.satisfactionRate ?? null)} />
        </Space>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('feedback.csatDefinition')}
        </Typography.Paragraph>
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as typeof tab)}
        items={[
          { key: 'low', label: t('feedback.tab.low'), children: ratingTable },
          { key: 'all', label: t('feedback.tab.all'), children: ratingTable },
          {
            key: 'reports',
            label: t('feedback.tab.reports'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                {mayGenerate ? (
                  <Button onClick={() => void generate()} loading={busy}>
                    {t('feedback.report.generate')}
                  </Button>
                ) : null}
                <Table<MonthlyReport>
                  rowKey="id"
                  size="small"
                  dataSource={reports}
                  pagination={false}
                  data-testid="feedback-reports"
                  columns={[
                    { title: t('feedback.report.month'), dataIndex: 'month', width: 100 },
                    { title: t('feedback.report.generated'), dataIndex: 'createdAt', width: 170, render: (v: string) => formatDateTime(v, locale) },
                    {
                      title: 'HTML / PDF',
                      render: (_: unknown, r) => (
                        <Space>
                          <a href={FeedbackApi.reportUrl(r.id, 'html')} download>
                            HTML
                          </a>
                          {r.hasPdf ? (
                            <a href={FeedbackApi.reportUrl(r.id, 'pdf')} download data-testid="feedback-report-pdf">
                              PDF
                            </a>
                          ) : (
                            <Typography.Text type="secondary">{t('feedback.report.pdfMissing', { error: r.pdfError ?? '' })}</Typography.Text>
                          )}
                        </Space>
                      ),
                    },
                    { title: t('feedback.report.email'), render: (_: unknown, r) => (r.emailedAt ? t('feedback.report.emailedTo', { to: r.emailedTo.join(', ') }) : r.emailError ?? t('feedback.report.notEmailed')) },
                  ]}
                />
              </Space>
            ),
          },
        ]}
      />
      <Modal open={recording !== null} title={t('feedback.followUp.record')} onCancel={() => setRecording(null)} onOk={() => void saveOutcome()} confirmLoading={busy}>
        <Radio.Group value={outcome} onChange={(e) => setOutcome(e.target.value as typeof outcome)}>
          <Space direction="vertical">
            {OUTCOMES.map((o) => (
              <Radio key={o} value={o}>
                {t(`feedback.outcome.${o}`)}
              </Radio>
            ))}
          </Space>
        </Radio.Group>
        <Input.TextArea style={{ marginTop: 12 }} rows={3} maxLength={1000} placeholder={t('feedback.outcome.note')} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </div>
  );
}
