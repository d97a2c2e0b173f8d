import { App, Button, Form, Input, InputNumber, Select, Switch, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { TicketCategory, TicketCategoryInput, TicketFieldType } from '../api/api-types.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { EditorDrawer } from '../layout/editor-drawer.js';
import { LoadFailedAlert } from '../layout/load-failed-alert.js';
import { useRemoteList } from '../lists/use-remote-list.js';
import { TicketPriorityTag, TICKET_PRIORITIES } from '../tickets/ticket-tags.js';
import { useTicketAdminApi } from './use-ticket-admin-api.js';

const FIELD_TYPES: readonly TicketFieldType[] = ['text', 'phone', 'order_number', 'date', 'number', 'select'];
// What the server accepts for a category key and a field key.
const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;
const FIELD_KEY_PATTERN = /^[a-z][a-z0-9_]{0,39}$/;

/** The form's shape: examples as one text (a line each). */
type CategoryForm = Omit<TicketCategoryInput, 'examples'> & { examplesText: string };

type Editing = { open: false } | { open: true; category: TicketCategory | null };

/** 工单分类: name, key, default group and priority, the extra fields a customer fills in, training examples. */
export function TicketCategoriesPage({ editable }: { editable: boolean }) {
  const admin = useTicketAdminApi();
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const categories = useRemoteList(() => admin.listCategories().then((page) => [...page.items].sort((a, b) => a.position - b.position)), [admin]);
  const groups = useRemoteList(() => admin.listGroups().then((page) => page.items), [admin]);
  const [editing, setEditing] = useState<Editing>({ open: false });
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<CategoryForm>();

  const groupName = (id: string | null) => (id ? (groups.items.find((group) => group.id === id)?.name ?? id) : t('categories.noGroup'));

  const save = async ({ examplesText, ...values }: CategoryForm) => {
    // The routes take strict objects: exactly the input fields (and PATCH never the key).
    const input: TicketCategoryInput = {
      key: values.key.trim(),
      position: values.position,
      active: values.active,
      defaultPriority: values.defaultPriority,
      name: values.name.trim(),
      description: (values.description ?? '').trim(),
      defaultGroupId: values.defaultGroupId ?? null,
      fields: (values.fields ?? []).map((field) => ({
        key: field.key.trim(),
        label: field.label.trim(),
        type: field.type,
        required: Boolean(field.required),
        ...(field.type === 'select' ? { options: field.options ?? [] } : {}),
      })),
      examples: (examplesText ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    };
    setSaving(true);
    try {
      if (editing.open && editing.category) {
        const { key: _key, ...patch } = input;
        await admin.updateCategory(editing.category.id, patch);
      }
      else await admin.createCategory(input);
      toast.success(t('ticketAdmin.saved'));
      setEditing({ open: false });
      categories.reload();
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  const columns: TableColumnsType<TicketCategory> = [
    { key: 'position', title: t('ticketAdmin.position'), dataIndex: 'position', width: 70 },
    { key: 'name', title: t('ticketAdmin.name'), render: (_: unknown, category) => <Typography.Text strong>{category.name}</Typography.Text> },
    { key: 'key', title: t('categories.key'), render: (_: unknown, category) => <Typography.Text code>{category.key}</Typography.Text> },
    { key: 'group', title: t('categories.defaultGroup'), render: (_: unknown, category) => groupName(category.defaultGroupId) },
    { key: 'priority', title: t('categories.defaultPriority'), width: 110, render: (_: unknown, category) => <TicketPriorityTag priority={category.defaultPriority} /> },
    { key: 'fields', title: t('categories.fields'), width: 100, render: (_: unknown, category) => t('categories.fieldCount', { count: category.fields.length }) },
    { key: 'active', title: t('ticketAdmin.active'), width: 80, render: (_: unknown, category) => (category.active ? <Tag color="green">{t('ticketAdmin.active')}</Tag> : <Tag>{t('ticketAdmin.inactive')}</Tag>) },
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('ticketAdmin.actions'),
            width: 90,
            render: (_: unknown, category: TicketCategory) => (
              <Button type="link" onClick={() => setEditing({ open: true, category })} data-testid="category-edit">
                {t('ticketAdmin.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const initial: CategoryForm =
    editing.open && editing.category
      ? {
          key: editing.category.key,
          name: editing.category.name,
          description: editing.category.description,
          fields: editing.category.fields,
          examplesText: editing.category.examples.join('\n'),
          defaultGroupId: editing.category.defaultGroupId,
          defaultPriority: editing.category.defaultPriority,
          position: editing.category.position,
          active: editing.category.active,
        }
      : { key: '', name: '', description: '', fields: [], examplesText: '', defaultGroupId: null, defaultPriority: 'P3', position: categories.items.length, active: true };

  return (
    <div>
      <div className="page-header">
        <Typography.Title level={4} className="page-header__title">
          {t('categories.title')}
        </Typography.Title>
        {editable && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing({ open: true, category: null })} data-testid="category-create">
            {t('ticketAdmin.create')}
          </Button>
        )}
      </div>
      <LoadFailedAlert title={t('ticketAdmin.loadFailed')} error={categories.error} />
      <Table<TicketCategory> rowKey="id" size="middle" loading={categories.loading} columns={columns} dataSource={categories.items} pagination={false} locale={{ emptyText: t('categories.empty') }} />
      <EditorDrawer
        open={editing.open}
        onClose={() => setEditing({ open: false })}
        size={720}
        title={editing.open && editing.category ? editing.category.name : t('ticketAdmin.create')}
        saving={saving}
        onSave={() => form.submit()}
        cancelLabel={t('common.cancel')}
        saveLabel={t('ticketAdmin.save')}
        saveTestId="category-save"
      >
        <Form<CategoryForm> form={form} layout="vertical" preserve={false} initialValues={initial} onFinish={(values) => void save({ ...initial, ...values })}>
          <div className="ticket-admin__row">
            <Form.Item name="name" label={t('ticketAdmin.name')} rules={[{ required: true, whitespace: true, max: 50 }]}>
              <Input maxLength={50} data-testid="category-name" />
            </Form.Item>
            <Form.Item name="key" label={t('categories.key')} tooltip={t('categories.keyHint')} rules={[{ required: true, pattern: KEY_PATTERN, message: t('categories.keyHint'), max: 60 }]}>
              <Input maxLength={60} disabled={editing.open && editing.category !== null} data-testid="category-key" />
            </Form.Item>
            <Form.Item name="position" label={t('ticketAdmin.position')}>
              <InputNumber min={0} max={10000} precision={0} />
            </Form.Item>
            <Form.Item name="active" label={t('ticketAdmin.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </div>
          <Form.Item name="description" label={t('ticketAdmin.description')} rules={[{ max: 500 }]}>
            <Input.TextArea maxLength={500} autoSize={{ minRows: 1 }} />
          </Form.Item>
          <div className="ticket-admin__row">
            <Form.Item name="defaultGroupId" label={t('categories.defaultGroup')}>
              <Select allowClear placeholder={t('categories.noGroup')} options={groups.items.map((group) => ({ value: group.id, label: group.name }))} className="ticket-admin__wide" />
            </Form.Item>
            <Form.Item name="defaultPriority" label={t('categories.defaultPriority')} rules={[{ required: true }]}>
              <Select options={TICKET_PRIORITIES.map((value) => ({ value, label: t(`tickets.priority.${value}`) }))} className="ticket-admin__wide" />
            </Form.Item>
          </div>
          <Typography.Title level={5}>{t('categories.fields')}</Typography.Title>
          <Form.List name="fields">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <div key={field.key} className="ticket-admin__row" data-testid="category-field">
                    <Form.Item name={[field.name, 'key']} rules={[{ required: true, pattern: FIELD_KEY_PATTERN, message: t('categories.keyHint') }]}>
                      <Input placeholder={t('categories.field.key')} maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'label']} rules={[{ required: true, whitespace: true, max: 50 }]}>
                      <Input placeholder={t('categories.field.label')} maxLength={50} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'type']} rules={[{ required: true }]}>
                      <Select placeholder={t('categories.field.type')} options={FIELD_TYPES.map((value) => ({ value, label: t(`categories.field.type.${value}`) }))} className="ticket-admin__type" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'required']} valuePropName="checked" label={t('ticketAdmin.required')} layout="horizontal">
                      <Switch size="small" />
                    </Form.Item>
                    <Form.Item noStyle shouldUpdate>
                      {() =>
                        form.getFieldValue(['fields', field.name, 'type']) === 'select' ? (
                          <Form.Item name={[field.name, 'options']} rules={[{ required: true, type: 'array', min: 1 }]}>
                            <Select mode="tags" placeholder={t('categories.field.options')} className="ticket-admin__wide" open={false} />
                          </Form.Item>
                        ) : null
                      }
                    </Form.Item>
                    <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(field.name)} />
                  </div>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ key: '', label: '', type: 'text', required: false })} data-testid="category-field-add">
                  {t('categories.field.add')}
                </Button>
              </>
            )}
          </Form.List>
          <Form.Item name="examplesText" label={t('categories.examples')} className="ticket-admin__add">
            <Input.TextArea autoSize={{ minRows: 3, maxRows: 12 }} />
          </Form.Item>
        </Form>
      </EditorDrawer>
    </div>
  );
}
