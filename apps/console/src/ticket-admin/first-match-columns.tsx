import { Button, Popconfirm, Space, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { Translate } from '../i18n/translate.js';
import { OrderedMoveButtons } from './ordered-move-buttons.js';

/** What a row of a first-match list (routing rules, SLA policies) has in common. */
export interface FirstMatchEntry {
  id: string;
  name: string;
  active: boolean;
}

export interface FirstMatchColumnsOptions<T extends FirstMatchEntry> {
  items: T[];
  editable: boolean;
  /** Entries that sit below a catch-all and so never apply. */
  shadowed: ReadonlySet<string>;
  /** The columns that say what an entry matches and does, between its name and its switch. */
  columns: TableColumnsType<T>;
  onMove: (entry: T, step: -1 | 1) => void;
  onEdit: (entry: T) => void;
  onDelete: (entry: T) => void;
  t: Translate;
}

/**
 * The columns of an ordered list whose first matching entry wins: move buttons, the name (flagged where a
 * catch-all above it means it can never apply), the entry's own columns, active, edit and delete.
 */
export function firstMatchColumns<T extends FirstMatchEntry>({ items, editable, shadowed, columns, onMove, onEdit, onDelete, t }: FirstMatchColumnsOptions<T>): TableColumnsType<T> {
  return [
    ...(editable ? [{ key: 'move', width: 80, render: (_: unknown, entry: T, index: number) => <OrderedMoveButtons first={index === 0} last={index === items.length - 1} onMove={(step) => onMove(entry, step)} /> }] : []),
    {
      key: 'name',
      title: t('ticketAdmin.name'),
      render: (_: unknown, entry: T) => (
        <>
          <Typography.Text strong>{entry.name}</Typography.Text>
          {shadowed.has(entry.id) && (
            <Tooltip title={t('ticketAdmin.shadowedHint')}>
              <Tag color="warning" className="ticket-admin__shadowed" data-testid="shadowed">
                {t('ticketAdmin.shadowed')}
              </Tag>
            </Tooltip>
          )}
        </>
      ),
    },
    ...columns,
    { key: 'active', title: t('ticketAdmin.active'), width: 80, render: (_: unknown, entry: T) => (entry.active ? <Tag color="green">{t('ticketAdmin.active')}</Tag> : <Tag>{t('ticketAdmin.inactive')}</Tag>) },
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('ticketAdmin.actions'),
            width: 150,
            render: (_: unknown, entry: T) => (
              <Space size={0}>
                <Button type="link" onClick={() => onEdit(entry)}>
                  {t('ticketAdmin.edit')}
                </Button>
                <Popconfirm title={t('ticketAdmin.deleteConfirm')} okButtonProps={{ danger: true }} okText={t('ticketAdmin.delete')} cancelText={t('common.cancel')} onConfirm={() => onDelete(entry)}>
                  <Button type="link" danger>
                    {t('ticketAdmin.delete')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];
}
