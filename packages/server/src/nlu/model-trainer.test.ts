import { NluModel } from '@zhida/nlu';
import { describe, expect, it } from 'vitest';
import { ModelTrainer } from './model-trainer.js';
import type { NluTrainingInput } from './nlu-training-input.js';
import type { TrainedModelCache } from './trained-model-cache.js';

function input(faqIds: [string, string], refundUtterance = '我要退款'): NluTrainingInput {
  return {
    data: {
      intents: [
        { name: 'refund', utterances: [refundUtterance, '怎么退钱', '退款什么时候到账'] },
        { name: 'shipping', utterances: ['什么时候发货', '快递到哪了', '物流信息查不到'] },
      ],
      faqs: [
        { id: faqIds[0], question: '多久发货', paraphrases: ['几天发货'], answer: '48小时内发货' },
        { id: faqIds[1], question: '怎么开发票', paraphrases: [], answer: '在订单页申请电子发票' },
      ],
      userWords: [],
      vague: [],
    },
    outOfScopeIntent: null,
    seed: 42,
  };
}

/** Remembers models in memory and counts how often it had to train. */
class CountingCache implements TrainedModelCache {
  readonly trainedInputs: string[] = [];
  private readonly models = new Map<string, unknown>();
  async reuseOrTrain<T>(kind: string, input: unknown, train: () => Promise<T>): Promise<T> {
    const k = kind + JSON.stringify(input);
    const known = this.models.get(k);
    if (known) return known as T;
    this.trainedInputs.push(k);
    const trained = await train();
    this.models.set(k, trained);
    return trained;
  }
}

describe('model trainer', () => {
  it('trains in a worker the model NluModel.train makes, with the tenant FAQ ids', async () => {
    const { model } = await new ModelTrainer(null).train(input(['faq-a', 'faq-b']));
    expect(model).toEqual(NluModel.train(input(['faq-a', 'faq-b']).data, { seed: 42 }).toJSON());
    expect(NluModel.load(model).parse('几天能发货').faq[0]).toMatchObject({ id: 'faq-a', intent: 'shipping' });
  });

  it('reuses a model trained on the same data for a tenant whose FAQs have other ids', async () => {
    const cache = new CountingCache();
    const trainer = new ModelTrainer(cache);
    await trainer.train(input(['a-1', 'a-2']));
    const second = await trainer.train(input(['b-1', 'b-2']));
    expect(cache.trainedInputs).toHaveLength(1);
    // Exactly what training for this tenant would have made: its own FAQ ids, the same weights.
    expect(second.model).toEqual(NluModel.train(input(['b-1', 'b-2']).data, { seed: 42 }).toJSON());
    expect(JSON.stringify(second.model)).not.toContain('a-1');
  });

  it('trains again when an utterance changes', async () => {
    const cache = new CountingCache();
    const trainer = new ModelTrainer(cache);
    await trainer.train(input(['a-1', 'a-2']));
    const edited = await trainer.train(input(['a-1', 'a-2'], '我要退货退款'));
    expect(cache.trainedInputs).toHaveLength(2);
    expect(edited.model).toEqual(NluModel.train(input(['a-1', 'a-2'], '我要退货退款').data, { seed: 42 }).toJSON());
  });
});
