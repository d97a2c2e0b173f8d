import { describe, expect, it } from 'vitest';
import { guessOption } from './option-guesser.js';
import { OptionVocabulary } from './option-vocabulary.js';

// Hand-written, so the test reads the matcher and not the shipped templates' wording.
const REASONS = [
  { label: '商品质量问题', synonyms: ['质量', '坏', '开线', '发烫'] },
  { label: '尺码不合适', synonyms: ['尺码', '太大', '太小'] },
  { label: '与描述不符', synonyms: ['色差', '图片', '实物'] },
  { label: '不想要了', synonyms: ['用不上', '买多'] },
];
const plain = new OptionVocabulary();

describe('guessOption', () => {
  it('takes the option whose words a free answer contains', () => {
    expect(guessOption('收到的颜色和图片差太多', REASONS, plain)).toMatchObject({ index: 2, sure: true });
    expect(guessOption('穿了一次就开线了', REASONS, plain)).toMatchObject({ index: 0, sure: true });
    expect(guessOption('公司给配了一台，这台用不上了', REASONS, plain)).toMatchObject({ index: 3, sure: true });
  });

  it('reads a one-character word only as a whole word of the answer', () => {
    expect(guessOption('收到就是坏的', REASONS, plain)).toMatchObject({ index: 0 });
    expect(guessOption('坏账怎么处理', REASONS, plain)).toBeUndefined();
  });

  it('is unsure when only part of a longer word is there', () => {
    // "描述不符" holds three of the four character pairs of "与描述不符": close enough to ask back, not to take.
    expect(guessOption('感觉和描述不符合', REASONS, plain)).toMatchObject({ index: 2, sure: false, alone: true });
    expect(guessOption('感觉和描述不符合，也不太合适', REASONS, plain)).toMatchObject({ index: 2, sure: false, alone: false });
    expect(guessOption('我想要换一个', REASONS, plain)).toBeUndefined();
  });

  it('asks back when the two characters of a short word stand close together in another order', () => {
    const symptoms = [{ label: '完全无法上网', synonyms: ['没网'] }, { label: '网速很慢', synonyms: ['慢'] }];
    expect(guessOption('一点网都没有', symptoms, plain)).toMatchObject({ index: 0, sure: false });
  });

  it('reads an English phrase with words put in between ("pick it up" for "pick up")', () => {
    const methods = [
      { label: '上门取件', synonyms: ['pick up', 'pickup', 'courier'] },
      { label: '自行寄回', synonyms: ['drop off', 'myself'] },
    ];
    expect(guessOption('could your guy come round and pick the box up tomorrow', methods, plain)).toMatchObject({ index: 0, sure: true });
    expect(guessOption("I'd rather drop the parcel off at the station", methods, plain)).toMatchObject({ index: 1, sure: true });
    // What the customer rules out in English does not count for that option.
    expect(guessOption('no courier please, I will drop it off', methods, plain)).toMatchObject({ index: 1, sure: true });
  });

  it('leaves out what the answer denies', () => {
    expect(guessOption('不是质量问题，是买多了', REASONS, plain)).toMatchObject({ index: 3, sure: true });
  });

  it('gives no guess when nothing is close or two options are equally close', () => {
    expect(guessOption('退回去的运费是我出还是你们出啊？', REASONS, plain)).toBeUndefined();
    expect(guessOption('质量不行，尺码也太大', REASONS, plain)).toBeUndefined();
  });

  it('also knows an option by the knowledge graph names that share its words', () => {
    const services = [
      { label: '户籍业务', synonyms: ['户口'] },
      { label: '身份证办理', synonyms: ['身份证'] },
    ];
    const graph = { nodes: [{ name: '户口迁移', aliases: ['迁户口', '落户'] }] };
    expect(guessOption('孩子要落户', services, plain)).toBeUndefined();
    expect(guessOption('孩子要落户', services, new OptionVocabulary(graph))).toMatchObject({ index: 0, sure: true });
  });
});
