import { createElement } from './create-element.js';
import type { MessageDecorator } from './feedback-element.js';
import type { Message } from './message-schema.js';

/** A bot answer's document source, as the server attaches it in `meta.source`. */
export interface DocumentSource {
  title: string;
  section: string;
  /** Absolute URL of the signed view of the document at the passage. */
  href: string;
}

// Only the server's own signed document view: a link from message data never points anywhere else.
const VIEW_PATH = /^\/api\/v1\/documents\/[0-9a-f-]{36}\/view\?/;

/**
 * The document source of a bot message answered from a passage, or null (no source, or a link that is not the
 * server's document view).
 * @example documentSourceOf(message, 'https://cs.example.cn') // { title: '售后服务手册', section: '4.5 退货运费', href: 'https://cs.example.cn/api/v1/documents/…/view?…#4-5-退货运费' }
 */
export function documentSourceOf(message: Message, apiOrigin: string): DocumentSource | null {
  if (message.senderType !== 'bot') return null;
  const source = message.meta?.source as { title?: unknown; section?: unknown; link?: unknown } | undefined;
  if (!source || typeof source.link !== 'string' || !VIEW_PATH.test(source.link)) return null;
  return { title: typeof source.title === 'string' ? source.title : '', section: typeof source.section === 'string' ? source.section : '', href: new URL(source.link, apiOrigin).toString() };
}

/** Adds "查看原文：《手册》4.5 …" under a bot answer from a document, opening the document at the passage. */
export function documentSourceDecorator(apiOrigin: string, label: string): MessageDecorator {
  return {
    signature: (message) => (documentSourceOf(message, apiOrigin) ? 'source' : ''),
    decorate(message, item) {
      const source = documentSourceOf(message, apiOrigin);
      if (!source) return;
      const text = `${label}：《${source.title}》${source.section}`;
      item.append(createElement('a', { class: 'zd-source', href: source.href, target: '_blank', rel: 'noopener noreferrer', 'data-testid': 'zhida-document-source' }, text));
    },
  };
}

/** Several decorators as one: each adds its part, in order. */
export function combinedDecorator(...decorators: MessageDecorator[]): MessageDecorator {
  return {
    signature: (message) => decorators.map((d) => d.signature(message)).join('|'),
    decorate: (message, item) => decorators.forEach((d) => d.decorate(message, item)),
  };
}
