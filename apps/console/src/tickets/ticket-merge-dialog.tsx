import { Alert, App, Input, Modal, Radio, Typography } from 'antd';
import { useState } from 'react';
import type { TicketDto, TicketSummaryDto } from '../api/api-types.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { queueQuery } from './queue-query.js';
import type { TicketApi } from './ticket-api.js';
import { TicketStatusTag } from './ticket-tags.js';

interface TicketMergeDialogProps {
  open: boolean;
  ticket: TicketDto;
  tickets: TicketApi;
  onClose: () => void;
  onMerged: (target: TicketDto) => void;
}

/** Finds the target ticket by number (or words) and merges this one into it. */
export function TicketMergeDialog({ open, ticket, tickets, onClose, onMerged }: TicketMergeDialogProps) {
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [results, setResults] = useState<TicketSummaryDto[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [targetId, setTargetId] = useState<string | null>(null);
  const [merging, setMerging] = useState(false);

  const search = async (q: string) => {
    if (!q.trim()) return;
    setSearching(true);
    try {
      const page = await tickets.list({ ...queueQuery('all', { q }), limit: 10 });
      setResults(page.items.filter((item) => item.id !== ticket.id));
      setTargetId(null);
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setSearching(false);
    }
  };

  const merge = async () => {
    if (!targetId) return;
    setMerging(true);
    try {
      const target = await tickets.merge(ticket.id, targetId);
      toast.success(t('ticket.merge.done', { number: target.number }));
      onMerged(target);
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setMerging(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('ticket.merge.title')}
      onCancel={onClose}
      onOk={() => void merge()}
      okText={t('ticket.merge.confirm')}
      okButtonProps={{ disabled: !targetId, danger: true, loading: merging, 'data-testid': 'ticket-merge-confirm' }}
      cancelText={t('common.cancel')}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('ticket.merge.hint')} />
      <Input.Search placeholder={t('ticket.merge.search')} loading={searching} onSearch={(value) => void search(value)} className="ticket-merge__search" data-testid="ticket-merge-search" />
      {results && results.length === 0 && <Typography.Text type="secondary">{t('ticket.merge.noResult')}</Typography.Text>}
      {results && results.length > 0 && (
        <Radio.Group value={targetId} onChange={(event) => setTargetId(event.target.value as string)} className="ticket-merge__results">
          {results.map((item) => (
            <Radio key={item.id} value={item.id} data-testid="ticket-merge-option">
              <Typography.Text strong>{item.number}</Typography.Text> {item.subject} <TicketStatusTag status={item.status} />
            </Radio>
          ))}
        </Radio.Group>
      )}
    </Modal>
  );
}
