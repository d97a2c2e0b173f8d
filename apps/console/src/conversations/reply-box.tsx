import { Button, Input, Segmented, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea.js';
import { SendOutlined } from '@ant-design/icons';
import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/i18n-context.js';
import { insertIntoDraft } from '../workspace/draft-insertion.js';
import { slashTokenAt, type SlashToken } from '../workspace/slash-menu.js';
import { SlashMenu, type SlashMenuHandle, type SlashMenuSource } from '../workspace/slash-menu-popup.js';

/** Server limit for message text (docs/api-contract.md). */
export const MAX_REPLY_LENGTH = 4000;
const TYPING_REFRESH_MS = 2000;
const TYPING_IDLE_MS = 3000;

/** A reply goes to the visitor; a note stays among staff (docs/design/handoff.md, internal notes). */
export type ReplyMode = 'reply' | 'note';

/** Text pushed into the box from outside (an assist suggestion); a new `key` inserts again. */
export interface DraftInsertion {
  text: string;
  key: number;
}

interface ReplyBoxProps {
  disabled: boolean;
  disabledHint?: string;
  /** Shown instead of the keyboard hint, e.g. that replying reopens a closed conversation. */
  notice?: string;
  initialText?: string;
  onDraftChange?: (text: string) => void;
  onSend: (text: string, mode: ReplyMode) => void;
  onTyping: (isTyping: boolean) => void;
  /** With it the box offers the 回复 / 内部备注 switch. */
  onModeChange?: (mode: ReplyMode) => void;
  mode?: ReplyMode;
  insertion?: DraftInsertion | null;
  /** With it `/` opens the canned reply / FAQ / article menu. */
  slashMenu?: SlashMenuSource;
}

/** The agent's composer: Enter sends, Shift+Enter inserts a line break, typing is signalled to the visitor. */
export function ReplyBox({ disabled, disabledHint, notice, initialText = '', onDraftChange, onSend, onTyping, onModeChange, mode = 'reply', insertion, slashMenu }: ReplyBoxProps) {
  const { t } = useI18n();
  const [text, setText] = useState(initialText);
  const [slash, setSlash] = useState<SlashToken | null>(null);
  const menu = useRef<SlashMenuHandle>(null);
  const input = useRef<TextAreaRef>(null);
  const caretAfterRender = useRef<number | null>(null);
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

  const replace = (next: string, caret: number) => {
    setText(next);
    onDraftChange?.(next);
    caretAfterRender.current = caret;
  };

  useLayoutEffect(() => {
    const caret = caretAfterRender.current;
    const element = input.current?.resizableTextArea?.textArea;
    if (caret === null || !element) return;
    caretAfterRender.current = null;
    element.focus();
    element.setSelectionRange(caret, caret);
  }, [text]);

  const textRef = useRef(text);
  useLayoutEffect(() => {
    textRef.current = text;
  }, [text]);
  const lastInsertion = useRef(insertion?.key);
  useEffect(() => {
    if (!insertion || insertion.key === lastInsertion.current) return;
    lastInsertion.current = insertion.key;
    const edit = insertIntoDraft(textRef.current, insertion.text);
    setText(edit.text);
    onDraftChange?.(edit.text);
    caretAfterRender.current = edit.caret;
  }, [insertion, onDraftChange]);

  const trimmed = text.trim();
  const tooLong = trimmed.length > MAX_REPLY_LENGTH;
  const canSend = !disabled && trimmed.length > 0 && !tooLong;
  const note = mode === 'note';

  const send = () => {
    if (!canSend) return;
    onSend(trimmed, mode);
    setText('');
    setSlash(null);
    onDraftChange?.('');
    stopTyping();
  };

  const changed = (value: string, caret: number) => {
    setText(value);
    onDraftChange?.(value);
    setSlash(slashMenu ? slashTokenAt(value, caret) : null);
    // A note is for colleagues: the visitor must not see "客服正在输入…" for it.
    if (disabled || note) return;
    const now = Date.now();
    // Re-announce periodically so the visitor's indicator does not time out mid-sentence.
    if (now - typingSince.current > TYPING_REFRESH_MS) {
      typingSince.current = now;
      onTypingRef.current(true);
    }
    clearTimeout(idleTimer.current);
    idleTimer.current = setTimeout(stopTyping, TYPING_IDLE_MS);
  };

  const pick = (chosen: string) => {
    const token = slash;
    setSlash(null);
    if (!token) return;
    const edit = insertIntoDraft(text, chosen, token);
    replace(edit.text, edit.caret);
  };

  const keyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    // While a pinyin IME composes, Enter and the arrows belong to the IME, not the menu.
    if (slash && !event.nativeEvent.isComposing && menu.current?.handleKey(event.key)) {
      event.preventDefault();
      return;
    }
    // isComposing: Enter also confirms a pinyin IME candidate and must not send then.
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const placeholder = note ? t('reply.notePlaceholder') : slashMenu ? t('reply.placeholderSlash') : t('reply.placeholder');

  return (
    <div className={`reply-box${note ? ' reply-box--note' : ''}`} data-mode={mode}>
      {onModeChange && (
        <Segmented<ReplyMode>
          size="small"
          className="reply-box__mode"
          data-testid="reply-mode"
          value={mode}
          disabled={disabled}
          onChange={onModeChange}
          options={[
            { value: 'reply', label: t('reply.mode.reply') },
            { value: 'note', label: t('reply.mode.note') },
          ]}
        />
      )}
      {slash && slashMenu && <SlashMenu ref={menu} source={slashMenu} query={slash.query} onPick={pick} onClose={() => setSlash(null)} />}
      <Input.TextArea
        ref={input}
        data-testid="reply-input"
        value={text}
        disabled={disabled}
        placeholder={disabled ? disabledHint : placeholder}
        aria-label={placeholder}
        autoSize={{ minRows: 2, maxRows: 8 }}
        status={tooLong ? 'error' : undefined}
        onChange={(event) => changed(event.target.value, event.target.selectionStart ?? event.target.value.length)}
        onKeyDown={keyDown}
        onBlur={() => setSlash(null)}
      />
      <div className="reply-box__footer">
        <Typography.Text type={tooLong ? 'danger' : notice ? 'warning' : 'secondary'} className="reply-box__hint">
          {tooLong ? t('reply.tooLong', { max: MAX_REPLY_LENGTH }) : disabled ? disabledHint : (notice ?? t(note ? 'reply.noteHint' : 'reply.hint'))}
        </Typography.Text>
        <Button type="primary" icon={<SendOutlined />} data-testid="reply-send" disabled={!canSend} onClick={send}>
          {t(note ? 'reply.addNote' : 'reply.send')}
        </Button>
      </div>
    </div>
  );
}
