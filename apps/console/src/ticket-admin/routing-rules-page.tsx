import { Alert, Button, Form, Input, Modal, Select, Switch, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { TicketRoutingRule, TicketRoutingRuleInput } from '../api/api-types.js';
import { useI18n } from '../i18n/i18n-context.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { useRemoteList } from '../lists/use-remote-list.js';
import { TicketPriorityTag, TICKET_PRIORITIES } from '../tickets/ticket-tags.js';
import { isCatchAll } from './catch-all-rule.js';
import { positionSwap } from './position-swap.js';
import { firstMatchColumns } from './first-match-columns.js';
import { shadowedIds } from './shadowed-entries.js';
import { useListAction } from './use-list-action.js';
import { useTicketAdminApi } from './use-ticket-admin-api.js';

type Editing = { open: false } | { open: true; rule: TicketRoutingRule | null };

/** 分派规则: ordered; the first whose categories, keywords and customer tiers all match sends the ticket to its group. */
export function RoutingRulesPage({ editable }: { editable: boolean }) {
  const admin = useTicketAdminApi();
  const { t } = useI18n();
  const rules = useRemoteList(() => admin.listRules().then((page) => [...page.items].sort((a, b) => a.position - b.position)), [admin]);
  const groups = useRemoteList(() => admin.listGroups().then((page) => page.items), [admin]);
  const categories = useRemoteList(() => admin.listCategories().then((page) => page.items), [admin]);
  const [editing, setEditing] = useState<Editing>({ open: false });
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<TicketRoutingRuleInput>();
  // A rule without conditions takes every ticket that reaches it: say so before it is saved.
  const conditions = {
    categoryKeys: Form.useWatch('categoryKeys', form),
    keywords: Form.useWatch('keywords', form),
    customerTiers: Form.useWatch('customerTiers', form),
  };

  const categoryName = (key: string) => categories.items.find((category) => category.key === key)?.name ?? key;

  const run = useListAction(rules);

  const save = async (values: TicketRoutingRuleInput) => {
    // The route takes a strict object: exactly the input fields.
    const input: TicketRoutingRuleInput = {
      name: values.name.trim(),
      position: values.position,
      categoryKeys: values.categoryKeys ?? [],
      keywords: (values.keywords ?? []).map((keyword) => keyword.trim()).filter(Boolean),
      customerTiers: (values.customerTiers ?? []).map((tier) => tier.trim()).filter(Boolean),
      groupId: values.groupId,
      priority: values.priority ?? null,
      active: values.active,
    };
    setSaving(true);
    const ok = await run(() => (editing.open && editing.rule ? admin.updateRule(editing.rule.id, input) : admin.createRule(input)), t('ticketAdmin.saved'));
    setSaving(false);
    if (ok) setEditing({ open: false });
  };

  const move = (rule: TicketRoutingRule, step: -1 | 1) =>
    void run(() => Promise.all(positionSwap(rules.items, rule.id, step).map((change) => admin.updateRule(change.id, { position: change.position }))), t('ticketAdmin.saved'));

  const tags = (values: string[], render: (value: string) => string = (value) => value) =>
    values.length === 0 ? <Typography.Text type="secondary">{t('ticketAdmin.any')}</Typography.Text> : values.map((value) => <Tag key={value}>{render(value)}</Tag>);

  // A rule below one without conditions never applies: flag it where it sits.
  const shadowed = shadowedIds(rules.items, isCatchAll);

  const columns = firstMatchColumns<TicketRoutingRule>({
    items: rules.items,
    editable,
    shadowed,
    onMove: move,
    onEdit: (rule) => setEditing({ open: true, rule }),
    onDelete: (rule) => void run(() => admin.deleteRule(rule.id), t('ticketAdmin.deleted')),
    t,
    columns: [
      { key: 'categories', title: t('rules.categories'), render: (_: unknown, rule) => tags(rule.categoryKeys, categoryName) },
      { key: 'keywords', title: t('rules.keywords'), render: (_: unknown, rule) => tags(rule.keywords) },
      { key: 'tiers', title: t('rules.tiers'), render: (_: unknown, rule) => tags(rule.customerTiers) },
      { key: 'group', title: t('rules.group'), render: (_: unknown, rule) => rule.group.name },
      { key: 'priority', title: t('rules.priority'), width: 110, render: (_: unknown, rule) => (rule.priority ? <TicketPriorityTag priority={rule.priority} /> : t('rules.keepPriority')) },
    ],
  });

  const last = rules.items.at(-1);
  const initial: TicketRoutingRuleInput =
    editing.open && editing.rule
      ? {
          name: editing.rule.name,
          position: editing.rule.position,
          categoryKeys: editing.rule.categoryKeys,
          keywords: editing.rule.keywords,
          customerTiers: editing.rule.customerTiers,
          groupId: editing.rule.group.id,
          priority: editing.rule.priority,
          active: editing.rule.active,
        }
      : { name: '', position: last ? last.position + 1 : 0, categoryKeys: [], keywords: [], customerTiers: [], groupId: '', priority: null, active: true };

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('rules.title')}
        </Typography.Title>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, rule: null })} data-testid="rule-create">
            {t('ticketAdmin.create')}
          </Button>
        )}
      </div>
      <Typography.Text type="secondary" className="ticket-admin__hint">
        {t('ticketAdmin.firstMatchHint')}
      </Typography.Text>
      <LoadFailedAlert title={t('ticketAdmin.loadFailed')} error={rules.error} />
      <Table<TicketRoutingRule> rowKey="id" size="middle" loading={rules.loading} columns={columns} dataSource={rules.items} pagination={false} locale={{ emptyText: t('rules.empty') }} />
      <Modal
        open={editing.open}
        width={640}
        title={editing.open && editing.rule ? editing.rule.name : t('ticketAdmin.create')}
        onCancel={() => setEditing({ open: false })}
        onOk={() => form.submit()}
        okText={t('ticketAdmin.save')}
        cancelText={t('common.cancel')}
        confirmLoading={saving}
        destroyOnHidden
      >
        <Form<TicketRoutingRuleInput> form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={(values) => void save({ ...initial, ...values })}>
          <Form.Item name="name" label={t('ticketAdmin.name')} rules={[{ required: true, whitespace: true, max: 100 }]}>
            <Input maxLength={100} data-testid="rule-name" />
          </Form.Item>
          <Form.Item name="categoryKeys" label={t('rules.categories')}>
            <Select mode="multiple" allowClear placeholder={t('ticketAdmin.any')} options={categories.items.map((category) => ({ value: category.key, label: category.name }))} />
          </Form.Item>
          <Form.Item name="keywords" label={t('rules.keywords')} extra={t('rules.tagsHint')}>
            <Select mode="tags" placeholder={t('ticketAdmin.any')} open={false} />
          </Form.Item>
          <Form.Item name="customerTiers" label={t('rules.tiers')} extra={t('rules.tagsHint')}>
            <Select mode="tags" placeholder={t('ticketAdmin.any')} open={false} />
          </Form.Item>
          {isCatchAll(conditions) && <Alert type="warning" showIcon title={t('rules.catchAll')} className="ticket-admin__add" data-testid="rule-catch-all" />}
          <div className="ticket-admin__row">
            <Form.Item name="groupId" label={t('rules.group')} rules={[{ required: true, message: t('rules.groupRequired') }]}>
              <Select options={groups.items.map((group) => ({ value: group.id, label: group.name }))} className="ticket-admin__wide" data-testid="rule-group" />
            </Form.Item>
            <Form.Item name="priority" label={t('rules.priority')}>
              <Select allowClear placeholder={t('rules.keepPriority')} options={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priority.${value}`) }))} className="ticket-admin__wide" />
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
