import { Alert, Button, Descriptions, Empty, Skeleton, Tabs, Tag, Typography } from 'antd';
import { EyeOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { useEffect, useState } from 'react';
import { roleCan } from '../auth/role-can.js';
import { useSignedInUser } from '../auth/session-context.js';
import { describeError } from '../i18n/describe-error.js';
import { formatDateTime } from '../format/clock-time.js';
import { useI18n } from '../i18n/i18n-context.js';
import { ActionsPanel } from './actions-panel.js';
import { emotionTrail } from './emotion-trail.js';
import type { WorkspaceApi } from './workspace-api.js';
import { containsMaskedNumber } from './masked-number.js';
import type { ConversationContext, RevealedContext } from './workspace-api-types.js';

interface ContextPanelProps {
  context: ConversationContext | null;
  /** Why the context could not be loaded, ready to display. */
  error: string | null;
  /** Shown at once from the offer while the context loads. */
  summary: string;
  loading: boolean;
  conversationId: string;
  api: WorkspaceApi;
  canRun: boolean;
}

const RISK_COLOR: Record<string, string> = { high: 'red', medium: 'gold', low: 'green', none: 'green' };
const EMOTION_COLOR: Record<string, string> = { anger: 'red', anxiety: 'orange', neutral: 'default', satisfied: 'green' };

/** What the agent needs on accepting: the summary on top, the customer, what the bot understood; and the customer's actions. */
export function ContextPanel({ context: masked, error, summary: maskedSummary, loading, conversationId, api, canRun }: ContextPanelProps) {
  const { t } = useI18n();
  const user = useSignedInUser();
  const [revealed, setRevealed] = useState<RevealedContext | null>(null);
  const [revealing, setRevealing] = useState(false);
  const [revealError, setRevealError] = useState<string | null>(null);
  useEffect(() => {
    setRevealed(null);
    setRevealError(null);
  }, [conversationId]);
  const context = masked && revealed ? withRevealed(masked, revealed) : masked;
  const summary = revealed?.summary ?? maskedSummary;
  const hasMasked = !revealed && containsMaskedNumber([maskedSummary, masked?.understanding.slots, masked?.customer.records, masked?.handoff?.transferNote]);
  const reveal = async () => {
    setRevealing(true);
    try {
      setRevealed(await api.revealContext(conversationId));
      setRevealError(null);
    } catch (e) {
      setRevealError(describeError(e, t));
    } finally {
      setRevealing(false);
    }
  };
  return (
    <aside className="context-panel" data-testid="context-panel" aria-label={t('context.title')}>
      <section className="context-panel__summary">
        <Typography.Text type="secondary">{t('context.summary')}</Typography.Text>
        <Typography.Paragraph className="handoff-summary" data-testid="handoff-summary">
          {summary || (loading ? '…' : t('context.noSummary'))}
        </Typography.Paragraph>
        {hasMasked && (
          <Typography.Paragraph type="secondary" className="context-panel__masked" data-testid="context-masked">
            {t('context.revealHint')}{' '}
            {roleCan(user.role, 'pii.reveal') && (
              <Button size="small" icon={<EyeOutlined />} loading={revealing} onClick={() => void reveal()} data-testid="context-reveal">
                {t('context.reveal')}
              </Button>
            )}
          </Typography.Paragraph>
        )}
        {revealError && <Alert type="error" showIcon title={t('context.revealFailed', { error: revealError })} />}
        {context?.handoff?.transferNote && (
          <Typography.Paragraph className="context-panel__transfer-note" data-testid="transfer-note-shown">
            {t('context.transferNote', { note: context.handoff.transferNote })}
          </Typography.Paragraph>
        )}
      </section>
      <Tabs
        size="small"
        items={[
          {
            key: 'context',
            label: t('context.tab.context'),
            children: loading ? (
              <Skeleton active />
            ) : context ? (
              <ContextDetails context={context} />
            ) : error ? (
              <Alert type="warning" showIcon title={t('context.failed')} description={error} data-testid="context-error" />
            ) : (
              <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
            ),
          },
          { key: 'actions', label: t('context.tab.actions'), children: <ActionsPanel api={api} conversationId={conversationId} canRun={canRun} /> },
        ]}
      />
    </aside>
  );
}

/** The context with the panel's fields as the audited reveal gave them. */
function withRevealed(context: ConversationContext, revealed: RevealedContext): ConversationContext {
  return {
    ...context,
    summary: revealed.summary,
    understanding: { ...context.understanding, slots: revealed.slots },
    customer: { ...context.customer, records: revealed.records },
    handoff: context.handoff ? { ...context.handoff, transferNote: revealed.transferNote } : null,
  };
}

function ContextDetails({ context }: { context: ConversationContext }) {
  const { t, locale } = useI18n();
  const { customer, understanding: u } = context;
  const slots = Object.entries(u.slots).filter(([, value]) => value !== null && value !== undefined && value !== '');
  const trail = emotionTrail(u.emotions);

  return (
    <div className="context-details">
      <Typography.Title level={5}>{t('context.customer')}</Typography.Title>
      <Descriptions size="small" column={1} data-testid="context-customer">
        <Descriptions.Item label={t('context.customer.name')}>
          {customer.name?.trim() || t('offer.anonymous')}{' '}
          {customer.verified ? (
            <Tag color="green" variant="filled" icon={<SafetyCertificateOutlined />}>
              {t('conversation.verified')}
            </Tag>
          ) : (
            <Tag variant="outlined">{t('context.customer.unverified')}</Tag>
          )}
        </Descriptions.Item>
        {customer.externalId && <Descriptions.Item label={t('context.customer.externalId')}>{customer.externalId}</Descriptions.Item>}
      </Descriptions>
      {customer.records.map((record, index) => (
        <Descriptions key={`${record.kind}:${index}`} size="small" column={1} bordered title={<span className="context-record__title">{record.title}</span>} className="context-record" data-testid="context-record">
          {Object.entries(record.fields).map(([name, value]) => (
            <Descriptions.Item key={name} label={name}>
              {value}
            </Descriptions.Item>
          ))}
        </Descriptions>
      ))}
      {customer.tickets.length > 0 && (
        <>
          <Typography.Text type="secondary">{t('context.tickets')}</Typography.Text>
          <ul className="context-tickets">
            {customer.tickets.map((ticket) => (
              <li key={ticket.id}>
                <a href={`#/tickets/${encodeURIComponent(ticket.id)}`}>{ticket.number}</a> {ticket.title}{' '}
                <Tag variant="outlined">{ticket.status}</Tag>
                <Typography.Text type="secondary">{formatDateTime(ticket.createdAt, locale)}</Typography.Text>
              </li>
            ))}
          </ul>
        </>
      )}

      <Typography.Title level={5}>{t('context.understanding')}</Typography.Title>
      <Descriptions size="small" column={1} data-testid="context-understanding">
        <Descriptions.Item label={t('context.intent')}>
          {u.intentLabel ?? u.intent ?? t('context.none')}
          {u.confidence !== null && ` (${new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(u.confidence)})`}
        </Descriptions.Item>
        {(u.flowId || u.step) && <Descriptions.Item label={t('context.flow')}>{[u.flowId, u.step].filter(Boolean).join(' → ')}</Descriptions.Item>}
        {slots.length > 0 && (
          <Descriptions.Item label={t('context.slots')}>
            <span className="context-slots">
              {slots.map(([name, value]) => (
                <Tag key={name} variant="outlined">
                  {name}: {typeof value === 'string' ? value : JSON.stringify(value)}
                </Tag>
              ))}
            </span>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('context.emotion')}>
          {trail.length === 0
            ? t('context.none')
            : trail.map((run, index) => (
                <span key={`${run.label}:${run.fromSeq}`}>
                  {index > 0 && ' → '}
                  <Tag color={EMOTION_COLOR[run.label] ?? 'orange'} variant="filled">
                    {emotionLabel(run.label, t)}
                    {run.count > 1 ? ` ×${run.count}` : ''}
                  </Tag>
                </span>
              ))}
        </Descriptions.Item>
        <Descriptions.Item label={t('context.risk')}>
          <Tag color={RISK_COLOR[u.risk.level] ?? 'default'} variant="filled" data-testid="context-risk">
            {riskLabel(u.risk.level, t)}
          </Tag>
          {u.risk.reasons.map((reason) => riskReasonLabel(reason, t)).join('；')}
        </Descriptions.Item>
        {u.handoffReason && <Descriptions.Item label={t('context.handoffReason')}>{t(`handoff.reason.${u.handoffReason}`)}</Descriptions.Item>}
      </Descriptions>
    </div>
  );
}

type T = ReturnType<typeof useI18n>['t'];

function emotionLabel(label: string, t: T): string {
  return label === 'anger' || label === 'anxiety' || label === 'neutral' || label === 'satisfied' ? t(`context.emotion.${label}`) : label;
}

const RISK_REASONS = ['regulator_complaint', 'media_exposure', 'legal_threat', 'self_harm', 'repeated_escalation', 'strong_anger', 'complaint_intent', 'escalation_threat', 'grievance'] as const;

/** The NLU's stable reason codes in words; a code this console does not know yet is shown as it is. */
function riskReasonLabel(reason: string, t: T): string {
  const known = RISK_REASONS.find((code) => code === reason);
  return known ? t(`context.riskReason.${known}`) : reason;
}

function riskLabel(level: string, t: T): string {
  return level === 'high' || level === 'medium' || level === 'low' || level === 'none' ? t(`context.risk.${level}`) : level;
}
