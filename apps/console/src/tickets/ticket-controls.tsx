import { Button, Select, Typography } from 'antd';
import { MergeCellsOutlined } from '@ant-design/icons';
import type { TicketDto, TicketPatch, TicketPriority, TicketStatus } from '../api/api-types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { statusChoices } from './status-choices.js';
import { TICKET_PRIORITIES } from './ticket-tags.js';
import type { TicketReference } from './use-ticket-reference.js';

interface TicketControlsProps {
  ticket: TicketDto;
  /** The signed-in user, for "分派给我". */
  me: { id: string; name: string };
  reference: TicketReference;
  /** People who can take the ticket: the group's members and whoever the console may list. */
  assignees: { id: string; name: string }[];
  disabled: boolean;
  onChange: (patch: TicketPatch) => void;
  onMerge: () => void;
}

/** Status, priority, category (with the classifier's guess), group and assignee of one ticket. */
export function TicketControls({ ticket, me, reference, assignees, disabled, onChange, onMerge }: TicketControlsProps) {
  const { t } = useI18n();
  const classification = ticket.classification;
  const guessed = classification?.categoryKey ? (reference.categories.find((category) => category.key === classification.categoryKey)?.name ?? classification.categoryKey) : null;
  // The current values stay selectable even when the lists do not contain them (another tenant-wide
  // list failed to load, an inactive category): show their names, not ids.
  const withCurrent = (options: { value: string; label: string }[], current: { id: string; name: string } | null) =>
    current && !options.some((option) => option.value === current.id) ? [...options, { value: current.id, label: current.name }] : options;

  return (
    <div data-testid="ticket-controls">
      <label className="ticket-control">
        <Typography.Text type="secondary">{t('tickets.column.status')}</Typography.Text>
        <Select<TicketStatus>
          value={ticket.status}
          disabled={disabled}
          options={statusChoices(ticket.status).map(({ value, disabled }) => ({ value, disabled, label: t(`tickets.status.${value}`) }))}
          onChange={(status) => onChange({ status })}
          data-testid="ticket-control-status"
        />
      </label>
      <label className="ticket-control">
        <Typography.Text type="secondary">{t('tickets.column.priority')}</Typography.Text>
        <Select<TicketPriority>
          value={ticket.priority}
          disabled={disabled}
          options={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priority.${value}`) }))}
          onChange={(priority) => onChange({ priority })}
          data-testid="ticket-control-priority"
        />
      </label>
      <label className="ticket-control">
        <Typography.Text type="secondary">{t('tickets.column.category')}</Typography.Text>
        <Select<string>
          value={ticket.category?.id}
          disabled={disabled}
          showSearch
          optionFilterProp="label"
          options={withCurrent(
            reference.categories.filter((category) => category.active).map((category) => ({ value: category.id, label: category.name })),
            ticket.category,
          )}
          onChange={(categoryId) => onChange({ categoryId })}
          data-testid="ticket-control-category"
        />
        {classification && (
          <Typography.Text type="secondary" className="ticket-control__hint" data-testid="ticket-classifier-guess">
            {t('ticket.classifierGuess', {
              category: guessed ?? t('ticket.classifierNone'),
              confidence: `${Math.round(classification.confidence * 100)}%`,
            })}
            {' · '}
            {t(`ticket.classifiedBy.${classification.source}`)}
          </Typography.Text>
        )}
      </label>
      <label className="ticket-control">
        <Typography.Text type="secondary">{t('tickets.column.group')}</Typography.Text>
        <Select<string>
          value={ticket.group?.id}
          placeholder={t('tickets.noGroup')}
          disabled={disabled}
          showSearch
          optionFilterProp="label"
          options={withCurrent(reference.groups.map((group) => ({ value: group.id, label: group.name })), ticket.group)}
          onChange={(groupId) => onChange({ groupId })}
          data-testid="ticket-control-group"
        />
      </label>
      <label className="ticket-control">
        <Typography.Text type="secondary">{t('tickets.column.assignee')}</Typography.Text>
        <Select<string>
          value={ticket.assignee?.id}
          placeholder={t('tickets.unassigned')}
          disabled={disabled}
          allowClear
          showSearch
          optionFilterProp="label"
          options={withCurrent(assignees.map((staff) => ({ value: staff.id, label: staff.name })), ticket.assignee)}
          onChange={(assigneeId) => onChange({ assigneeId: assigneeId ?? null })}
          data-testid="ticket-control-assignee"
        />
        {ticket.assignee?.id !== me.id && (
          <Button type="link" size="small" disabled={disabled} onClick={() => onChange({ assigneeId: me.id })} className="ticket-control__me" data-testid="ticket-assign-me">
            {t('tickets.assignToMe')}
          </Button>
        )}
      </label>
      <Button block icon={<MergeCellsOutlined />} disabled={disabled || ticket.mergedIntoId !== null} onClick={onMerge} data-testid="ticket-merge">
        {t('ticket.merge')}
      </Button>
    </div>
  );
}
