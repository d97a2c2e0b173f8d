import { describe, expect, it } from 'vitest';
import { fillPlaceholders, placeholdersIn } from './fill-placeholders.js';

describe('script placeholders', () => {
  it('fills each placeholder with what the resolver gives, leaving the rest of the text', async () => {
    const seen: string[] = [];
    const filled = await fillPlaceholders('订单{{order.returnable}}，验证码{{otp}}', async (name) => (seen.push(name), name === 'otp' ? '123456' : '2026'));
    expect(filled).toBe('订单2026，验证码123456');
    expect(seen).toEqual(['order.returnable', 'otp']);
  });

  it('lists the names a text uses', () => {
    expect(placeholdersIn('{{order.returnable}} 和 {{otp}}')).toEqual(['order.returnable', 'otp']);
    expect(placeholdersIn('RMA\\d{8,}')).toEqual([]);
  });
});
