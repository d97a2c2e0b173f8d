import { Button, Input, Typography } from 'antd';
import { SendOutlined } from '@ant-design/icons';
import { useEffect, useRef, useState } from 'react';
import { useI18n } from '../i18n/i18n-context.js';

/** Server limit for message text (docs/api-contract.md). */
export const MAX_REPLY_LENGTH = 4000;
const TYPING_REFRESH_MS = 2000;
const TYPING_IDLE_MS = 3000;

interface ReplyBoxProps {
  disabled: boolean;
  disabledHint?: string;
  /** Shown instead of the keyboard hint, e.g. that replying reopens a closed conversation. */
  notice?: string;
  initialText?: string;
  onDraftChange?: (text: string) => void;
  onSend: (text: string) => void;
  onTyping: (isTyping: boolean) => void;
}

/** The agent's composer: Enter sends, Shift+Enter inserts a line break, typing is signalled to the visitor. */
export function ReplyBox({ disabled, disabledHint, notice, initialText = '', onDraftChange, onSend, onTyping }: ReplyBoxProps) {
  const { t } = useI18n();
  const [text, setText] = useState(initialText);
  const typingSince = useRef(0);
  const idleTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const onTypingRef = useRef(onTyping);
  useEffect(() => {
    onTypingRef.current = onTyping;
  }, [onTyping]);

  const stopTyping = () => {
    clearTimeout(idleTimer.current);
    if (typingSince.current) {
      typingSince.current = 0;
      onTypingRef.current(false);
    }
  };

  useEffect(() => () => stopTyping(), []);

  const trimmed = text.trim();
  const tooLong = trimmed.length > MAX_REPLY_LENGTH;
  const canSend = !disabled && trimmed.length > 0 && !tooLong;

  const send = () => {
    if (!canSend) return;
    onSend(trimmed);
    setText('');
    onDraftChange?.('');
    stopTyping();
  };

  const changed = (value: string) => {
    setText(value);
    onDraftChange?.(value);
    if (disabled) return;
    const now = Date.now();
    // Re-announce periodically so the visitor's indicator does not time out mid-sentence.
    if (now - typingSince.current > TYPING_REFRESH_MS) {
      typingSince.current = now;
      onTypingRef.current(true);
    }
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  return (
    <div className="reply-box">
      <Input.TextArea
        data-testid="reply-input"
        value={text}
        disabled={disabled}
        placeholder={disabled ? disabledHint : t('reply.placeholder')}
        aria-label={t('reply.placeholder')}
        autoSize={{ minRows: 2, maxRows: 8 }}
        status={tooLong ? 'error' : undefined}
        onChange={(event) => changed(event.target.value)}
        onKeyDown={(event) => {
          // isComposing: Enter also confirms a pinyin IME candidate and must not send then.
          if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            send();
          }
        }}
      />
      <div className="reply-box__footer">
        <Typography.Text type={tooLong ? 'danger' : notice ? 'warning' : 'secondary'} className="reply-box__hint">
          {tooLong ? t('reply.tooLong', { max: MAX_REPLY_LENGTH }) : disabled ? disabledHint : (notice ?? t('reply.hint'))}
        </Typography.Text>
        <Button type="primary" icon={<SendOutlined />} data-testid="reply-send" disabled={!canSend} onClick={send}>
          {t('reply.send')}
        </Button>
      </div>
    </div>
  );
}
