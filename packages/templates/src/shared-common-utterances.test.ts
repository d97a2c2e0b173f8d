import { describe, expect, it } from 'vitest';
import { loadTemplate } from './load-template.js';
import { splitUtterances } from './split-utterances.js';
import { sharedCommonUtterances, withSharedCommonUtterances } from './shared-common-utterances.js';
import { templateIds } from './template-id.js';
import { utteranceKey } from './utterance-key.js';

const own = {
  intents: [
    { id: 'bill_query', utterances: ['查话费'] },
    { id: 'greeting', utterances: ['你好'] },
    { id: 'human_agent', utterances: ['有人吗'] },
    { id: 'thanks', utterances: ['谢谢'] },
  ],
  outOfScope: ['讲个笑话'],
};

describe('sharedCommonUtterances', () => {
  it("adds other templates' common-intent examples that the template lacks, in donor order", () => {
    const donor = { intents: [{ id: 'greeting', utterances: ['你好！', '亲，在吗', '哈喽'] }, { id: 'thanks', utterances: ['多谢'] }], outOfScope: [] };
    expect(sharedCommonUtterances(own, [donor])).toEqual([
      { id: 'greeting', utterances: ['亲，在吗', '哈喽'] },
      { id: 'thanks', utterances: ['多谢'] },
    ]);
  });

  it("never takes an utterance the template already has, under any label (the owner's label wins)", () => {
    const donor = { intents: [{ id: 'greeting', utterances: ['有人吗？', '讲个笑话', 'Hi'] }], outOfScope: [] };
    expect(sharedCommonUtterances(own, [donor])).toEqual([{ id: 'greeting', utterances: ['Hi'] }]);
  });

  it('drops what the donors disagree about, and never copies their industry intents or out-of-scope lists', () => {
    const a = { intents: [{ id: 'greeting', utterances: ['在不在', '早上好'] }, { id: 'order_status', utterances: ['我的单呢'] }], outOfScope: ['你是机器人吗'] };
    const b = { intents: [{ id: 'human_agent', utterances: ['在不在'] }, { id: 'greeting', utterances: ['早上好', '你是机器人吗'] }], outOfScope: [] };
    expect(sharedCommonUtterances(own, [a, b])).toEqual([{ id: 'greeting', utterances: ['早上好'] }]);
  });

  it('only fills common intents the template has', () => {
    const donor = { intents: [{ id: 'goodbye', utterances: ['拜拜'] }], outOfScope: [] };
    expect(sharedCommonUtterances(own, [donor])).toEqual([]);
  });
});

describe('withSharedCommonUtterances', () => {
  it("appends the shared examples after the template's own, so its own train/eval split does not move", async () => {
    const telecom = await loadTemplate('telecom');
    const donors = await Promise.all(templateIds.filter((id) => id !== 'telecom').map(async (id) => (await loadTemplate(id)).intents));
    const pooled = withSharedCommonUtterances(telecom.intents, donors);
    for (const intent of telecom.intents.intents) {
      const after = pooled.intents.find((i) => i.id === intent.id)?.utterances ?? [];
      expect(after.slice(0, intent.utterances.length)).toEqual(intent.utterances);
    }
    const greeting = pooled.intents.find((i) => i.id === 'greeting')?.utterances ?? [];
    expect(greeting.length).toBeGreaterThan(telecom.intents.intents.find((i) => i.id === 'greeting')!.utterances.length);
    expect(pooled.intents.find((i) => i.id === 'bill_query')).toEqual(telecom.intents.intents.find((i) => i.id === 'bill_query'));
    const keys = pooled.intents.flatMap((i) => i.utterances).concat(pooled.outOfScope).map(utteranceKey);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("pooled from train splits only, it adds none of the template's held-back utterances", async () => {
    const government = await loadTemplate('government');
    const heldBack = new Set(splitUtterances(government, { holdOut: 0.2 }).eval.flatMap((i) => i.utterances).map(utteranceKey));
    const donors = await Promise.all(
      templateIds.filter((id) => id !== 'government').map(async (id) => {
        const split = splitUtterances(await loadTemplate(id), { holdOut: 0.2 });
        return { intents: split.train, outOfScope: split.outOfScope.train };
      }),
    );
    const extra = sharedCommonUtterances(government.intents, donors).flatMap((i) => i.utterances);
    expect(extra.length).toBeGreaterThan(100);
    expect(extra.filter((u) => heldBack.has(utteranceKey(u)))).toEqual([]);
  });
});
