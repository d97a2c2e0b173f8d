import { describe, expect, it } from 'vitest';
import { TopicIntents } from './topic-intents.js';

const examples = [
  ...['户口迁移有什么政策', '户口政策', '落户政策'].map((text) => ({ text, label: 'policy_inquiry' })),
  ...['开户口证明', '户口本补办', '开证明'].map((text) => ({ text, label: 'certificate_request' })),
  ...['我的问题怎么投诉', '问题没人管', '投诉工作人员'].map((text) => ({ text, label: 'complaint' })),
  ...['户口的事问问天气'].map((text) => ({ text, label: 'oos' })),
];

describe('what customers naming a topic ask for', () => {
  const topics = TopicIntents.count(examples, ['户口', '问题', '护照'], ['oos']);

  it('spreads a topic over the intents whose utterances name it, by their share of utterances', () => {
    const d = topics.distribution(['户口']);
    expect(d.map((c) => c.name)).toEqual(['certificate_request', 'policy_inquiry']);
    expect(d[0]?.confidence).toBeCloseTo(0.5);
    expect(d.reduce((s, c) => s + c.confidence, 0)).toBeCloseTo(1);
  });

  it('averages over the topics it knows and ignores the others', () => {
    expect(topics.known(['户口', '护照', '天气'])).toEqual(['户口']);
    const d = topics.distribution(['户口', '问题']);
    expect(d.find((c) => c.name === 'complaint')?.confidence).toBeCloseTo(0.5);
    expect(topics.distribution(['护照'])).toEqual([]);
  });

  it('leaves out ignored labels', () => {
    expect(topics.distribution(['户口']).some((c) => c.name === 'oos')).toBe(false);
  });

  it('reads the same after a JSON round trip', () => {
    const restored = TopicIntents.fromJSON(JSON.parse(JSON.stringify(topics.toJSON())));
    expect(restored.distribution(['户口'])).toEqual(topics.distribution(['户口']));
  });
});
