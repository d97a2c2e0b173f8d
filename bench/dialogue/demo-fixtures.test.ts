import { describe, expect, it } from 'vitest';
import { DemoFixtures } from './demo-fixtures.js';

describe('demo fixture placeholders', () => {
  it('knows the seeded orders, bank customers, subscribers and the SMS code', () => {
    for (const name of ['order.returnable', 'order.freshFood', 'mobile.finance', 'mobile.finance2', 'mobile.lowData', 'mobile.contract', 'otp']) expect(DemoFixtures.knows(name)).toBe(true);
  });

  it('refuses names it could not fill', () => {
    for (const name of ['order.nope', 'order', 'mobile.nobody', 'otp.x', 'order.returnable.x', 'card.finance', 'order.toString']) expect(DemoFixtures.knows(name)).toBe(false);
  });
});
