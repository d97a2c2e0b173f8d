import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { roleCan } from '../auth/role-can.js';
import { useSession, useSignedInUser } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { InsightApi, type Experiment, type Finding } from './insight-api.js';

const pct = (x: number | null | undefined) => (x === null || x === undefined ? '—' : `${(x * 100).toFixed(1)} %`);

/** 瓶颈发现: the daily job's open findings with evidence and suggestion; dismiss or mark done. */
export function FindingsPanel() {
  const { api } = useSession();
  const user = useSignedInUser();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const insight = useMemo(() => new InsightApi(api), [api]);
  const [items, setItems] = useState<Finding[]>([]);
  const [loading, setLoading] = useState(true);
  const manage = roleCan(user.role, 'analytics.manage');

  const load = useCallback(() => {
    setLoading(true);
    insight.findings('open').then(
      (page) => setItems(page.items),
      () => setItems([]),
    ).finally(() => setLoading(false));
  }, [insight]);
  useEffect(load, [load]);

  const decide = async (finding: Finding, action: 'dismiss' | 'done') => {
    try {
      await insight.decide(finding.id, action);
      setItems((list) => list.filter((f) => f.id !== finding.id));
    } catch (error) {
      toast.error(describeError(error, t));
    }
  };

  return (
    <Card size="small" title={t('findings.title')} className="dashboard__card" data-testid="findings-panel" extra={<Typography.Text type="secondary">{t('findings.definition')}</Typography.Text>}>
      <Table
        size="small"
        rowKey="id"
        loading={loading}
        pagination={false}
        locale={{ emptyText: <Empty description={t('findings.none')} /> }}
        dataSource={items}
        columns={[
          { title: t('findings.summary'), dataIndex: 'summary', render: (text: string, f: Finding) => <Space direction="vertical" size={0}><span>{text}</span><Typography.Text type="secondary">{t(f.comparison === 'baseline' ? 'findings.vsBaseline' : 'findings.vsPeers')} · n = {f.trials} · q = {f.qValue.toExponential(1)} · {f.day}</Typography.Text></Space> },
          { title: t('findings.kind'), dataIndex: 'kind', width: 110, render: (kind: Finding['kind']) => <Tag>{t(`findings.kind.${kind}`)}</Tag> },
          ...(manage
            ? [
                {
                  title: '',
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, f: Finding) => (
                    <Space>
                      <Button size="small" type="primary" onClick={() => void decide(f, 'done')}>{t('findings.done')}</Button>
                      <Button size="small" onClick={() => void decide(f, 'dismiss')}>{t('findings.dismiss')}</Button>
                    </Space>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}

/** 猜你想办 experiments: CTR per arm with its 95 % interval, the difference and lift; stop with a winner. */
export function ExperimentsPanel() {
  const { api } = useSession();
  const user = useSignedInUser();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const insight = useMemo(() => new InsightApi(api), [api]);
  const [items, setItems] = useState<Experiment[]>([]);
  const manage = roleCan(user.role, 'analytics.manage');
  const load = useCallback(() => {
    insight.experiments().then((page) => setItems(page.items), () => setItems([]));
  }, [insight]);
  useEffect(load, [load]);

  const stop = async (experiment: Experiment, variant: string) => {
    try {
      await insight.stop(experiment.id, variant);
      load();
    } catch (error) {
      toast.error(describeError(error, t));
    }
  };

  return (
    <Card size="small" title={t('experiments.title')} className="dashboard__card" data-testid="experiments-panel" extra={<Typography.Text type="secondary">{t('experiments.definition')}</Typography.Text>}>
      {items.length === 0 ? (
        <Empty description={t('experiments.none')} />
      ) : (
        items.slice(0, 3).map((e) => (
          <div key={e.id} style={{ marginBottom: 12 }}>
            <Space wrap>
              <Typography.Text strong>{e.name}</Typography.Text>
              <Tag color={e.status === 'running' ? 'green' : 'default'}>{t(e.status === 'running' ? 'experiments.running' : 'experiments.stopped')}</Tag>
              {e.comparison && (
                <Typography.Text>
                  {t('experiments.lift')}: {pct(e.comparison.lift)} ({e.comparison.liftInterval ? `${pct(e.comparison.liftInterval.low)} – ${pct(e.comparison.liftInterval.high)}` : '—'}) · {t(e.comparison.significant ? 'experiments.significant' : 'experiments.notYet')}
                </Typography.Text>
              )}
            </Space>
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              dataSource={e.variants}
              columns={[
                { title: t('experiments.arm'), dataIndex: 'key', render: (key: string, v: Experiment['variants'][number]) => `${key}（${t(v.strategy === 'personalised' ? 'experiments.personalised' : 'experiments.popular')}，${v.weight}）` },
                { title: t('experiments.exposures'), dataIndex: 'exposures', width: 90 },
                { title: t('experiments.clicks'), dataIndex: 'clicks', width: 80 },
                { title: 'CTR', key: 'ctr', render: (_: unknown, v: Experiment['variants'][number]) => `${pct(v.ctr)} (${v.ctrInterval ? `${pct(v.ctrInterval.low)} – ${pct(v.ctrInterval.high)}` : '—'})` },
                ...(manage && e.status === 'running'
                  ? [
                      {
                        title: '',
                        key: 'stop',
                        width: 120,
                        render: (_: unknown, v: Experiment['variants'][number]) => (
                          <Popconfirm title={t('experiments.stopConfirm', { arm: v.key })} onConfirm={() => void stop(e, v.key)}>
                            <Button size="small">{t('experiments.rollout')}</Button>
                          </Popconfirm>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </div>
        ))
      )}
    </Card>
  );
}
