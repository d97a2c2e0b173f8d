import { Alert, Modal, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { reassignCandidates, type AgentRow, type HotRow } from './overview-view.js';

interface ReassignDialogProps {
  row: HotRow;
  agents: readonly AgentRow[];
  onReassign: (requestId: string, toUserId: string) => Promise<void>;
  onClose: () => void;
}

/** Picks another agent for a hot conversation; a refusal (skill, capacity, offline, taken) stays in the dialog. */
export function ReassignDialog({ row, agents, onReassign, onClose }: ReassignDialogProps) {
  const { t } = useI18n();
  const candidates = reassignCandidates(agents, row.assignedTo);
  const [target, setTarget] = useState<string | null>(candidates.find((agent) => agent.unlikely === null)?.userId ?? null);
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const submit = async () => {
    if (!target) return;
    setSaving(true);
    setRefusal(null);
    try {
      await onReassign(row.requestId, target);
      onClose();
    } catch (failure) {
      setRefusal(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={t('supervisor.reassign.title')}
      onCancel={onClose}
      onOk={() => void submit()}
      okText={t('supervisor.reassign.submit')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: !target, 'data-testid': 'reassign-submit' }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Select<string>
        className="supervisor__reassign-select"
        value={target ?? undefined}
        onChange={(value) => setTarget(value)}
        placeholder={t('supervisor.reassign.pick')}
        showSearch={{ optionFilterProp: 'label' }}
        data-testid="reassign-target"
        options={candidates.map((agent) => ({
          value: agent.userId,
          label: agent.name,
          title: agent.name,
        }))}
        optionRender={(option) => {
          const agent = candidates.find((candidate) => candidate.userId === option.value);
          if (!agent) return option.label;
          return (
            <Space size={6}>
              <span>{agent.name}</span>
              <span className="supervisor__muted">{t('supervisor.load', { active: agent.activeChats, max: agent.maxChats })}</span>
              {agent.unlikely && <Tag color="orange">{t(`supervisor.unlikely.${agent.unlikely}`)}</Tag>}
              {agent.skills.map((skill) => (
                <Tag key={skill}>{skill}</Tag>
              ))}
            </Space>
          );
        }}
      />
      {refusal && <Alert type="error" showIcon title={t('supervisor.reassign.refused')} description={refusal} className="supervisor__refusal" data-testid="reassign-refusal" />}
    </Modal>
  );
}
