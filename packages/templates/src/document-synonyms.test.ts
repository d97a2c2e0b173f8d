import { describe, expect, it } from 'vitest';
import { allTemplateDocumentSynonyms, templateDocumentSynonyms } from './document-synonyms.js';
import { templateIds } from './template-id.js';

describe('template document synonyms', () => {
  it('every template ships a lexicon of groups of two or more words', () => {
    for (const id of templateIds) {
      const groups = templateDocumentSynonyms(id);
      expect(groups.length).toBeGreaterThan(20);
      for (const g of groups) expect(g.length).toBeGreaterThanOrEqual(2);
    }
    expect(allTemplateDocumentSynonyms().some((g) => g.includes('二手房过户') && g.includes('不动产登记'))).toBe(true);
    expect(() => templateDocumentSynonyms('bakery')).toThrow();
  });
});
