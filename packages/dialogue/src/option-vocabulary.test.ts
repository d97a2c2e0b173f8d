import { describe, expect, it } from 'vitest';
import { OptionVocabulary } from './option-vocabulary.js';

const OPTIONS = [
  { label: '户籍证明', synonyms: ['户口'] },
  { label: '居住证明', synonyms: ['居住'] },
];

describe('OptionVocabulary', () => {
  it('adds the names of a knowledge-graph node that shares a word with one option', () => {
    const vocabulary = new OptionVocabulary({ nodes: [{ name: '户口迁移', aliases: ['落户'] }] });
    expect(vocabulary.termsFor(OPTIONS)[0]).toEqual(['户籍证明', '户口', '户口迁移', '落户']);
    expect(vocabulary.termsFor(OPTIONS)[1]).toEqual(['居住证明', '居住']);
  });

  it('ignores a node that shares words with two options of the same question', () => {
    const vocabulary = new OptionVocabulary({ nodes: [{ name: '户口和居住证明', aliases: ['开证明'] }] });
    expect(vocabulary.termsFor(OPTIONS).flat()).not.toContain('开证明');
  });
});
