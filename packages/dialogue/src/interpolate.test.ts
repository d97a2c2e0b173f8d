import { describe, expect, it } from 'vitest';
import { interpolate, resolveArgument } from './interpolate.js';

describe('interpolate', () => {
  const scope = { orderId: 'E1', result: { rmaNumber: 'RMA9', items: ['T恤', '袜子'], count: 2 } };

  it('fills slots and result fields by path', () => {
    expect(interpolate('订单 {{orderId}}，RMA 号 {{ result.rmaNumber }}', scope)).toBe('订单 E1，RMA 号 RMA9');
  });

  it('renders lists with the Chinese enumeration comma and missing values as nothing', () => {
    expect(interpolate('{{result.items}}/{{result.missing}}/{{nothing.at.all}}', scope)).toBe('T恤、袜子//');
  });

  it('never evaluates expressions or reaches prototype properties', () => {
    expect(interpolate('{{result.count + 1}}', scope)).toBe('{{result.count + 1}}');
    expect(interpolate('{{orderId.constructor}}|{{__proto__}}', scope)).toBe('|');
  });

  it('leaves markup alone: replies are plain text', () => {
    expect(interpolate('{{x}}', { x: '<b>hi</b>' })).toBe('<b>hi</b>');
  });
});

describe('resolveArgument', () => {
  it('keeps the type of a value that is a whole placeholder', () => {
    expect(resolveArgument({ n: '{{result.count}}', s: 'n={{result.count}}', missing: '{{nope}}', fixed: true }, { result: { count: 2 } })).toEqual({
      n: 2,
      s: 'n=2',
      missing: null,
      fixed: true,
    });
  });
});
