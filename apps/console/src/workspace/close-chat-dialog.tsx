import { Alert, Modal, Radio, Space } from 'antd';
import { useState } from 'react';
import type { Conversation } from '../api/api-types.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { WorkspaceApi } from './workspace-api.js';
import { DISPOSITIONS, type Disposition } from './workspace-api-types.js';

interface CloseChatDialogProps {
  open: boolean;
  api: WorkspaceApi;
  conversationId: string;
  onClose: () => void;
  onDone: (conversation: Conversation | null) => void;
}

/** Ends the chat with a disposition: 已解决 / 需建工单 / 垃圾会话. */
export function CloseChatDialog({ open, api, conversationId, onClose, onDone }: CloseChatDialogProps) {
  const { t } = useI18n();
  const [disposition, setDisposition] = useState<Disposition>('resolved');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async () => {
    setSaving(true);
    setError(null);
    try {
      const answer = await api.close(conversationId, disposition);
      onDone(answer && typeof answer === 'object' && 'id' in answer ? answer : null);
    } catch (failure) {
      setError(describeError(failure, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('workspace.close')}
      okText={t('workspace.close')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'close-confirm' }}
    >
      <Radio.Group value={disposition} onChange={(event) => setDisposition(event.target.value as Disposition)} data-testid="close-disposition">
        <Space orientation="vertical">
          {DISPOSITIONS.map((value) => (
            <Radio key={value} value={value} data-testid={`disposition-${value}`}>
              {t(`disposition.${value}`)}
            </Radio>
          ))}
        </Space>
      </Radio.Group>
      {error && <Alert type="error" showIcon title={error} className="workspace-dialog__error" />}
    </Modal>
  );
}
