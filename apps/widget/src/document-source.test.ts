import { describe, expect, it } from 'vitest';
import { documentSourceOf } from './document-source.js';
import type { Message } from './message-schema.js';

const docId = '0b7e3f1a-2c4d-4e5f-8a9b-1c2d3e4f5a6b';
const message = (meta: Record<string, unknown> | undefined, senderType: Message['senderType'] = 'bot'): Message => ({
  id: 'm1',
  conversationId: 'c1',
  seq: 3,
  senderType,
  senderId: null,
  senderName: null,
  text: '退货运费由商家承担。\n来源：《售后服务手册》4.5 退货运费',
  clientMsgId: null,
  quickReplies: [],
  createdAt: '2026-12-07T10:00:00Z',
  ...(meta ? { meta } : {}),
});

describe('document source link', () => {
  it('links a bot answer from a document to the signed view on the API origin', () => {
    const link = `/api/v1/documents/${docId}/view?tenant=t&exp=1&sig=abc#4-5-退货运费`;
    const source = documentSourceOf(message({ kind: 'answered', source: { title: '售后服务手册', section: '4.5 退货运费', link } }), 'https://cs.example.cn');
    expect(source).toEqual({ title: '售后服务手册', section: '4.5 退货运费', href: new URL(link, 'https://cs.example.cn').toString() });
    expect(source!.href.startsWith(`https://cs.example.cn/api/v1/documents/${docId}/view?`)).toBe(true);
  });

  it('shows no link without a source, for other senders, or for a link that is not the document view', () => {
    expect(documentSourceOf(message(undefined), 'https://cs.example.cn')).toBeNull();
    expect(documentSourceOf(message({ source: { link: `/api/v1/documents/${docId}/view?x=1` } }, 'agent'), 'https://cs.example.cn')).toBeNull();
    expect(documentSourceOf(message({ source: { link: 'javascript:alert(1)' } }), 'https://cs.example.cn')).toBeNull();
    expect(documentSourceOf(message({ source: { link: 'https://evil.example.com/api/v1/documents/x/view?' } }), 'https://cs.example.cn')).toBeNull();
  });
});
