import { describe, expect, it } from 'vitest';
import { FaqCatalogue, UnknownFaqError } from './faq-catalogue.js';

const template = { faqs: [{ id: 'return_how_to', question: '怎么退货？', paraphrases: [], answer: 'a', category: '退货', links: [] }] };

describe('FAQ catalogue', () => {
  it('maps a stored FAQ to its template id by question', () => {
    const c = new FaqCatalogue(template, [{ id: 'uuid-1', question: '怎么退货？' }, { id: 'uuid-2', question: '店铺自己加的问题' }]);
    expect(c.templateId('uuid-1')).toBe('return_how_to');
    expect(c.templateId('uuid-2')).toBe('uuid-2');
    expect(c.question('return_how_to')).toBe('怎么退货？');
  });

  it('refuses an FAQ id the template does not have', () => {
    expect(() => new FaqCatalogue(template, []).question('nope')).toThrow(UnknownFaqError);
  });
});
