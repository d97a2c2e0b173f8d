import { Alert, Button, Descriptions, Empty, Form, Input, InputNumber, Select, Switch, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { actionArgs, actionFields } from './action-form.js';
import { actionResultRows } from './action-result-rows.js';
import type { WorkspaceApi } from './workspace-api.js';
import type { AgentAction, AgentActionResult } from './workspace-api-types.js';

interface ActionsPanelProps {
  api: WorkspaceApi;
  conversationId: string;
  canRun: boolean;
}

/** The self-service actions an agent may run for this customer: pick one, fill its form, see the connector's result. */
export function ActionsPanel({ api, conversationId, canRun }: ActionsPanelProps) {
  const { t } = useI18n();
  const [actions, setActions] = useState<AgentAction[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api.actions(conversationId).then(
      (page) => {
        if (!cancelled) setActions(page.items);
      },
      (failure: unknown) => {
        if (!cancelled) setError(describeError(failure, t));
      },
    );
    return () => {
      cancelled = true;
    };
    // t left out: a language switch must not refetch.
  }, [api, conversationId]);

  if (error) return <Alert type="error" showIcon title={error} />;
  if (!actions) return <Typography.Text type="secondary">{t('common.loading')}</Typography.Text>;
  if (actions.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('actions.none')} />;
  const action = actions.find((a) => a.name === selected) ?? null;

  return (
    <div className="actions-panel" data-testid="actions-panel">
      <Select
        className="actions-panel__picker"
        placeholder={t('actions.pick')}
        value={selected}
        onChange={setSelected}
        showSearch={{ optionFilterProp: 'label' }}
        data-testid="action-picker"
        options={actions.map((a) => ({ value: a.name, label: a.name }))}
      />
      {action && <ActionForm key={action.name} action={action} api={api} conversationId={conversationId} canRun={canRun} />}
    </div>
  );
}

function ActionForm({ action, api, conversationId, canRun }: { action: AgentAction; api: WorkspaceApi; conversationId: string; canRun: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<Record<string, unknown>>();
  const fields = useMemo(() => actionFields(action.args), [action.args]);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<AgentActionResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async (values: Record<string, unknown>) => {
    const check = actionArgs(fields, values);
    if (!check.ok) {
      form.setFields([
        ...check.missing.map((name) => ({ name, errors: [t('actions.required')] })),
        ...check.invalid.map((name) => ({ name, errors: [t('actions.invalid')] })),
      ]);
      return;
    }
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.runAction(conversationId, action.name, check.args));
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setRunning(false);
    }
  };

  return (
    <Form form={form} layout="vertical" size="small" onFinish={(values) => void run(values)} className="action-form" data-testid="action-form">
      {action.usedBy.length > 0 && <Typography.Paragraph type="secondary">{t('actions.usedBy', { flows: action.usedBy.join('、') })}</Typography.Paragraph>}
      {fields.map((field) => (
        <Form.Item key={field.name} name={field.name} label={field.label} required={field.required} help={undefined} extra={field.help ?? undefined} valuePropName={field.kind === 'boolean' ? 'checked' : 'value'}>
          {field.kind === 'boolean' ? (
            <Switch />
          ) : field.kind === 'number' ? (
            <InputNumber className="action-form__number" />
          ) : field.kind === 'select' ? (
            <Select options={field.options.map((option) => ({ value: option, label: option }))} allowClear />
          ) : (
            <Input />
          )}
        </Form.Item>
      ))}
      <Button type="primary" htmlType="submit" loading={running} disabled={!canRun} data-testid="action-run">
        {t('actions.run')}
      </Button>
      {error && <Alert type="error" showIcon title={error} className="action-form__result" data-testid="action-error" />}
      {result && <ActionResultView result={result} />}
    </Form>
  );
}

/** The executor's outcome: the data as label/value rows, or the refusal's message (a business refusal, not a failure). */
function ActionResultView({ result }: { result: AgentActionResult }) {
  const { t } = useI18n();
  if (!result.ok) {
    return <Alert type="warning" showIcon title={t('actions.refused')} description={result.error?.message ?? result.error?.code} className="action-form__result" data-testid="action-refused" />;
  }
  return (
    <Descriptions size="small" bordered column={1} title={t('actions.result')} className="action-form__result" data-testid="action-result">
      {actionResultRows(result).map(([name, value]) => (
        <Descriptions.Item key={name} label={name}>
          {value}
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}
