import { describe, expect, it } from 'vitest';
import { IntentLabels } from './intent-labels.js';

describe('intent labels', () => {
  const fromTemplate = new IntentLabels(
    [
      { id: 'return_request', label: { zh: '申请退货', en: 'Return an item' } },
      { id: 'greeting', label: { zh: '打招呼', en: 'Greeting' } },
    ],
    'en',
  );

  it('reads the templates\' list in the chosen locale and falls back to the id', () => {
    expect(fromTemplate.label('return_request')).toBe('Return an item');
    expect(fromTemplate.label('unknown_intent')).toBe('unknown_intent');
  });

  it('maps a tapped label back to its intent, ignoring case and punctuation', () => {
    expect(fromTemplate.intentFor('return an item!')).toBe('return_request');
    expect(fromTemplate.intentFor('return')).toBeUndefined();
  });

  it('never offers chit-chat or unlabelled intents as task buttons', () => {
    const labels = new IntentLabels({ return_request: '申请退货', greeting: '你好', human_agent: '人工' }, 'zh-CN');
    expect(labels.offerable('return_request')).toBe(true);
    expect(labels.offerable('greeting')).toBe(false);
    expect(labels.offerable('human_agent')).toBe(false);
    expect(labels.offerable('refund_status')).toBe(false);
  });
});
