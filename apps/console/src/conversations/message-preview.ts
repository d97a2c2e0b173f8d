import type { LastMessage } from '../api/api-types.js';
import type { MessageKey } from '../i18n/zh-CN.js';
import type { Translate } from '../i18n/translate.js';

const keyBySender: Record<LastMessage['senderType'], MessageKey> = {
  visitor: 'preview.visitor',
  bot: 'preview.bot',
  agent: 'preview.agent',
  system: 'preview.system',
};

/** One-line preview of the last message for the list, prefixed with who wrote it unless it was the visitor. */
export function messagePreview(lastMessage: LastMessage | null, t: Translate): string {
  if (!lastMessage) return t('preview.empty');
  const text = lastMessage.text.replace(/\s+/g, ' ').trim();
  return t(keyBySender[lastMessage.senderType], { text });
}
