import { describe, expect, it } from 'vitest';
import { readUnderstanding, type UnderstandingMessage } from './conversation-understanding.js';

const labels = { return_request: '申请退货', human_agent: '转人工客服' };
const flows = { 'ecommerce.return': 'return_request' };
let seq = 0;
const visitor = (id: string): UnderstandingMessage => ({ id, seq: ++seq, senderType: 'visitor', meta: {} });
const bot = (replyTo: string, meta: Record<string, unknown>): UnderstandingMessage => ({ id: `b${++seq}`, seq, senderType: 'bot', meta: { replyTo, ...meta } });
const record = (intent: string | null, patch: Record<string, unknown> = {}) => ({ intent, confidence: 0.9, emotion: 'neutral', flowId: null, step: null, outcome: 'answered', faqId: null, ...patch });

describe('what the bot understood', () => {
  it('reads the running flow, its slots and the option labels from the dialogue state', () => {
    const state = { version: 1, flow: { flowId: 'ecommerce.return', stepId: 'method', slots: { orderId: '20261118883301', reason: 'quality' }, labels: { reason: '质量问题' } }, lastIntent: 'return_request', locale: 'zh-CN' };
    const messages = [visitor('v1'), bot('v1', { record: record('return_request', { confidence: 0.82, flowId: 'ecommerce.return', step: 'reason' }), emotion: 'neutral', risk: 'none' })];
    const { understanding, vocabularyValues } = readUnderstanding(state, messages, labels, flows);
    expect(understanding).toMatchObject({ intent: 'return_request', intentLabel: '申请退货', confidence: 0.82, flowId: 'ecommerce.return', step: 'method', slots: { orderId: '20261118883301', reason: 'quality' }, handoffReason: null });
    expect(vocabularyValues).toEqual({ reason: '质量问题' });
  });

  it('keeps the flow a handoff cleared, from the handoff reply, with the risk and its reasons', () => {
    const frame = { flowId: 'ecommerce.return', stepId: 'reason', slots: { orderId: '20261118883301' }, labels: {} };
    const messages = [
      visitor('v1'),
      bot('v1', { record: record('return_request'), emotion: 'neutral', risk: 'none' }),
      visitor('v2'),
      bot('v2', { record: record(null, { outcome: 'handoff' }), emotion: 'anger', risk: 'high', riskReasons: ['regulator_complaint'], handoff: { reason: 'high_risk', priority: 'urgent' }, handoffFrame: frame }),
    ];
    const { understanding } = readUnderstanding({ version: 1, flow: null, lastIntent: 'return_request' }, messages, labels, flows);
    expect(understanding).toMatchObject({ intent: 'return_request', flowId: 'ecommerce.return', slots: { orderId: '20261118883301' }, handoffReason: 'high_risk', risk: { level: 'high', reasons: ['regulator_complaint'] } });
    expect(understanding.emotions).toEqual([{ seq: messages[0]!.seq, label: 'neutral' }, { seq: messages[2]!.seq, label: 'anger' }]);
  });

  it('adds up the reasons of equal risk and keeps the highest level', () => {
    const messages = [
      visitor('v1'), bot('v1', { risk: 'medium', riskReasons: ['grievance'] }),
      visitor('v2'), bot('v2', { risk: 'high', riskReasons: ['media_exposure'] }),
      visitor('v3'), bot('v3', { risk: 'high', riskReasons: ['legal_threat'] }),
      visitor('v4'), bot('v4', { risk: 'medium', riskReasons: ['grievance'] }),
    ];
    expect(readUnderstanding(null, messages, labels).understanding.risk).toEqual({ level: 'high', reasons: ['media_exposure', 'legal_threat'] });
  });

  it('survives a missing or malformed state and says the customer writes English when the state says so', () => {
    expect(readUnderstanding('garbage', [], labels).understanding).toMatchObject({ intent: null, intentLabel: null, slots: {}, emotions: [], risk: { level: 'none', reasons: [] }, locale: 'zh-CN' });
    expect(readUnderstanding({ locale: 'en', lastIntent: 'human_agent' }, [], labels).understanding).toMatchObject({ intent: 'human_agent', intentLabel: '转人工客服', locale: 'en' });
  });

  it('shows an intent the template gave no label by its id', () => {
    const messages = [visitor('v1'), bot('v1', { record: record('warranty') })];
    expect(readUnderstanding(null, messages, labels).understanding).toMatchObject({ intent: 'warranty', intentLabel: 'warranty' });
  });
});
