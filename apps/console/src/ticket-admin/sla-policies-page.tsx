import { Button, Form, Input, InputNumber, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { SlaPolicy, SlaPolicyInput } from '../api/api-types.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { Translate } from '../i18n/translate.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { useRemoteList } from '../lists/use-remote-list.js';
import { formatDuration } from '../tickets/business-duration.js';
import { TicketPriorityTag, TICKET_PRIORITIES } from '../tickets/ticket-tags.js';
import { positionSwap } from './position-swap.js';
import { firstMatchColumns } from './first-match-columns.js';
import { shadowedIds } from './shadowed-entries.js';
import { useListAction } from './use-list-action.js';
import { useTicketAdminApi } from './use-ticket-admin-api.js';

type Editing = { open: false } | { open: true; policy: SlaPolicy | null };

/** Business minutes as the table shows them: "90 分钟（1 小时 30 分）". */
function minutesText(minutes: number | null, t: Translate): string {
  if (minutes === null) return t('sla.noTarget');
  return minutes < 60 ? t('duration.minutes', { minutes }) : t('sla.minutesShown', { minutes, duration: formatDuration(minutes, t) });
}

/** A minutes input that shows the same target as hours and minutes under it. */
function MinutesInput({ value, onChange, testId }: { value?: number | null; onChange?: (value: number | null) => void; testId: string }) {
  const { t } = useI18n();
  return (
    <div>
      <InputNumber min={1} max={525600} precision={0} value={value ?? null} onChange={(next) => onChange?.(next ?? null)} suffix={t('sla.minutesUnit')} data-testid={testId} />
      <Typography.Text type="secondary" className="ticket-admin__hint">
        {value ? formatDuration(value, t) : t('sla.noTarget')}
      </Typography.Text>
    </div>
  );
}

/** SLA 策略: ordered; the first whose priorities and categories match sets a ticket's response and resolution targets. */
export function SlaPoliciesPage({ editable }: { editable: boolean }) {
  const admin = useTicketAdminApi();
  const { t } = useI18n();
  const policies = useRemoteList(() => admin.listPolicies().then((page) => [...page.items].sort((a, b) => a.position - b.position)), [admin]);
  const groups = useRemoteList(() => admin.listGroups().then((page) => page.items), [admin]);
  const categories = useRemoteList(() => admin.listCategories().then((page) => page.items), [admin]);
  const [editing, setEditing] = useState<Editing>({ open: false });
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<SlaPolicyInput>();

  const categoryName = (key: string) => categories.items.find((category) => category.key === key)?.name ?? key;
  const groupName = (id: string | null) => (id ? (groups.items.find((group) => group.id === id)?.name ?? id) : t('sla.noEscalation'));

  const run = useListAction(policies);

  const save = async (values: SlaPolicyInput) => {
    // The route takes a strict object: exactly the input fields.
    const input: SlaPolicyInput = {
      name: values.name.trim(),
      position: values.position,
      calendarId: values.calendarId ?? null,
      active: values.active,
      priorities: values.priorities ?? [],
      categoryKeys: values.categoryKeys ?? [],
      firstResponseMinutes: values.firstResponseMinutes ?? null,
      nextResponseMinutes: values.nextResponseMinutes ?? null,
      resolutionMinutes: values.resolutionMinutes ?? null,
      escalateGroupId: values.escalateGroupId ?? null,
    };
    setSaving(true);
    const ok = await run(() => (editing.open && editing.policy ? admin.updatePolicy(editing.policy.id, input) : admin.createPolicy(input)), t('ticketAdmin.saved'));
    setSaving(false);
    if (ok) setEditing({ open: false });
  };

  const move = (policy: SlaPolicy, step: -1 | 1) =>
    void run(() => Promise.all(positionSwap(policies.items, policy.id, step).map((change) => admin.updatePolicy(change.id, { position: change.position }))), t('ticketAdmin.saved'));

  // A policy below one for any priority and any category never applies: flag it where it sits.
  const shadowed = shadowedIds(policies.items, (policy) => policy.priorities.length === 0 && policy.categoryKeys.length === 0);

  const columns = firstMatchColumns<SlaPolicy>({
    items: policies.items,
    editable,
    shadowed,
    onMove: move,
    onEdit: (policy) => setEditing({ open: true, policy }),
    onDelete: (policy) => void run(() => admin.deletePolicy(policy.id), t('ticketAdmin.deleted')),
    t,
    columns: [
      {
        key: 'priorities',
        title: t('sla.priorities'),
        render: (_: unknown, policy) => (policy.priorities.length === 0 ? <Typography.Text type="secondary">{t('ticketAdmin.any')}</Typography.Text> : policy.priorities.map((priority) => <TicketPriorityTag key={priority} priority={priority} />)),
      },
      {
        key: 'categories',
        title: t('sla.categories'),
        render: (_: unknown, policy) => (policy.categoryKeys.length === 0 ? <Typography.Text type="secondary">{t('ticketAdmin.any')}</Typography.Text> : policy.categoryKeys.map((key) => <Tag key={key}>{categoryName(key)}</Tag>)),
      },
      { key: 'first', title: t('sla.firstResponse'), render: (_: unknown, policy) => minutesText(policy.firstResponseMinutes, t) },
      { key: 'next', title: t('sla.nextResponse'), render: (_: unknown, policy) => minutesText(policy.nextResponseMinutes, t) },
      { key: 'resolution', title: t('sla.resolution'), render: (_: unknown, policy) => minutesText(policy.resolutionMinutes, t) },
      { key: 'escalate', title: t('sla.escalateGroup'), render: (_: unknown, policy) => groupName(policy.escalateGroupId) },
    ],
  });

  const last = policies.items.at(-1);
  const initial: SlaPolicyInput =
    editing.open && editing.policy
      ? {
          name: editing.policy.name,
          position: editing.policy.position,
          priorities: editing.policy.priorities,
          categoryKeys: editing.policy.categoryKeys,
          firstResponseMinutes: editing.policy.firstResponseMinutes,
          nextResponseMinutes: editing.policy.nextResponseMinutes,
          resolutionMinutes: editing.policy.resolutionMinutes,
          escalateGroupId: editing.policy.escalateGroupId,
          calendarId: editing.policy.calendarId,
          active: editing.policy.active,
        }
      : { name: '', position: last ? last.position + 1 : 0, priorities: [], categoryKeys: [], firstResponseMinutes: 60, nextResponseMinutes: 60, resolutionMinutes: 480, escalateGroupId: null, calendarId: null, active: true };

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('sla.title')}
        </Typography.Title>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, policy: null })} data-testid="sla-create">
            {t('ticketAdmin.create')}
          </Button>
        )}
      </div>
      <Typography.Text type="secondary" className="ticket-admin__hint">
        {t('ticketAdmin.firstMatchHint')} {t('sla.minutesHint')}
      </Typography.Text>
      <LoadFailedAlert title={t('ticketAdmin.loadFailed')} error={policies.error} />
      <Table<SlaPolicy> rowKey="id" size="middle" loading={policies.loading} columns={columns} dataSource={policies.items} pagination={false} locale={{ emptyText: t('sla.empty') }} />
      <Modal
        open={editing.open}
        width={680}
        title={editing.open && editing.policy ? editing.policy.name : t('ticketAdmin.create')}
        onCancel={() => setEditing({ open: false })}
        onOk={() => form.submit()}
        okText={t('ticketAdmin.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form<SlaPolicyInput> form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={(values) => void save({ ...initial, ...values })}>
          <Form.Item name="name" label={t('ticketAdmin.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input maxLength={100} data-testid="sla-name" />
          </Form.Item>
          <div className="ticket-admin__row">
            <Form.Item name="priorities" label={t('sla.priorities')}>
              <Select mode="multiple" allowClear placeholder={t('ticketAdmin.any')} options={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priority.${value}`) }))} className="ticket-admin__wide" />
            </Form.Item>
            <Form.Item name="categoryKeys" label={t('sla.categories')}>
              <Select mode="multiple" allowClear placeholder={t('ticketAdmin.any')} options={categories.items.map((category) => ({ value: category.key, label: category.name }))} className="ticket-admin__wide" />
            </Form.Item>
          </div>
          <div className="ticket-admin__row">
            <Form.Item name="firstResponseMinutes" label={t('sla.firstResponse')}>
              <MinutesInput testId="sla-first" />
            </Form.Item>
            <Form.Item name="nextResponseMinutes" label={t('sla.nextResponse')}>
              <MinutesInput testId="sla-next" />
            </Form.Item>
            <Form.Item name="resolutionMinutes" label={t('sla.resolution')}>
              <MinutesInput testId="sla-resolution" />
            </Form.Item>
          </div>
          <div className="ticket-admin__row">
            <Form.Item name="escalateGroupId" label={t('sla.escalateGroup')}>
              <Select allowClear placeholder={t('sla.noEscalation')} options={groups.items.map((group) => ({ value: group.id, label: group.name }))} className="ticket-admin__wide" />
            </Form.Item>
            <Form.Item name="active" label={t('ticketAdmin.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </div>
        </Form>
      </Modal>
    </div>
  );
}
