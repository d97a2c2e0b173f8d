import { describe, expect, it } from 'vitest';
import { mentionsChangeOfMind, settledOn } from './change-of-mind-cue.js';

describe('change-of-mind cue', () => {
  it('reads the clause after the last cue as what the customer settles on', () => {
    expect(settledOn('呃29的才5个G，怕不够用，还是换59的吧')).toBe('换59的吧');
    // Only that clause: what follows it ("交易的我又想起来了") names the choice left, not the new one.
    expect(settledOn('想了想，还是把手机银行登录那个重置吧，交易的我又想起来了')).toBe('把手机银行登录那个重置吧');
    expect(settledOn('要不还是让快递上门来取吧')).toBe('让快递上门来取吧');
  });

  it('has nothing to settle on without a cue, or with nothing after it', () => {
    expect(settledOn('好的，就这样')).toBeUndefined();
    expect(settledOn('drop it off instead')).toBeUndefined();
    expect(mentionsChangeOfMind('drop it off instead')).toBe(true);
    expect(mentionsChangeOfMind('就这个')).toBe(false);
  });
});
