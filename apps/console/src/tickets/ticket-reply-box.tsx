import { App, Button, Input, Segmented, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useState } from 'react';
import type { TicketReplyInput } from '../api/api-types.js';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { attachmentProblem, fileToUpload, MAX_ATTACHMENTS } from './file-to-upload.js';

/** Longest reply the server accepts (like chat messages). */
const MAX_BODY = 4000;

interface TicketReplyBoxProps {
  onSend: (input: TicketReplyInput) => Promise<void>;
  /** The ticket is closed: the server takes internal notes only, so public replies are not offered. */
  closed?: boolean;
}

type Mode = 'public' | 'internal';

/** "公开回复" to the customer or "内部备注" for colleagues, with up to three image/PDF attachments. */
export function TicketReplyBox({ onSend, closed = false }: TicketReplyBoxProps) {
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const [chosen, setMode] = useState<Mode>('public');
  const mode: Mode = closed ? 'internal' : chosen;
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [sending, setSending] = useState(false);

  const send = async () => {
    if (!body.trim()) {
      toast.warning(t('ticket.reply.empty'));
      return;
    }
    setSending(true);
    try {
      const attachments = await Promise.all(files.flatMap((file) => (file.originFileObj ? [fileToUpload(file.originFileObj)] : [])));
      await onSend({ body: body.trim(), internal: mode === 'internal', ...(attachments.length > 0 ? { attachments } : {}) });
      toast.success(t(mode === 'internal' ? 'ticket.reply.noted' : 'ticket.reply.sent'));
      setBody('');
      setFiles([]);
    } catch (failure) {
      toast.error(describeError(failure, t));
    } finally {
      setSending(false);
    }
  };

  return (
    <div className={mode === 'internal' ? 'ticket-reply ticket-event--internal' : 'ticket-reply'} data-testid="ticket-reply">
      <Segmented<Mode>
        value={mode}
        onChange={setMode}
        options={[
          { value: 'public', label: <span data-testid="ticket-reply-public">{t('ticket.reply.public')}</span>, disabled: closed },
          { value: 'internal', label: <span data-testid="ticket-reply-internal">{t('ticket.reply.internal')}</span> },
        ]}
        className="ticket-reply__mode"
      />
      {closed && (
        <Typography.Text type="secondary" className="ticket-reply__closed" data-testid="ticket-reply-closed">
          {t('ticket.reply.closedHint')}
        </Typography.Text>
      )}
      <Input.TextArea
        value={body}
        onChange={(event) => setBody(event.target.value)}
        maxLength={MAX_BODY}
        autoSize={{ minRows: 3, maxRows: 10 }}
        placeholder={t(mode === 'internal' ? 'ticket.reply.placeholderInternal' : 'ticket.reply.placeholderPublic')}
        data-testid="ticket-reply-body"
        className="ticket-reply__body"
      />
      <div className="ticket-reply__actions">
        <Upload
          multiple
          fileList={files}
          accept="image/png,image/jpeg,image/gif,image/webp,application/pdf"
          beforeUpload={(file) => {
            const problem = attachmentProblem(file);
            if (problem) {
              toast.error(t(problem === 'tooLarge' ? 'ticket.reply.tooLarge' : 'ticket.reply.wrongType', { name: file.name }));
              return Upload.LIST_IGNORE;
            }
            // Sent inline with the reply, not uploaded on its own.
            return false;
          }}
          onChange={({ fileList }) => {
            if (fileList.length > MAX_ATTACHMENTS) toast.warning(t('ticket.reply.tooMany'));
            setFiles(fileList.slice(0, MAX_ATTACHMENTS));
          }}
        >
          <Button icon={<PaperClipOutlined />} title={t('ticket.reply.attachHint')}>
            {t('ticket.reply.attach')}
          </Button>
        </Upload>
        <Button type="primary" loading={sending} onClick={() => void send()} data-testid="ticket-reply-send">
          {t('ticket.reply.send')}
        </Button>
      </div>
    </div>
  );
}
