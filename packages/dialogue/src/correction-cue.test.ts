import { describe, expect, it } from 'vitest';
import { readCorrection } from './correction-cue.js';

describe('readCorrection', () => {
  it('reads a slip owned up to anywhere in the message', () => {
    expect(readCorrection('诶等下，单号我输错了，要退的是面霜那单 E202611200007')?.valueText).toBe('要退的是面霜那单 E202611200007');
    expect(readCorrection('等一下原因选错了，卡没丢，是卡坏了读不出来')?.valueText).toBe('是卡坏了读不出来');
    expect(readCorrection('啊最后两位打反了，是KD0571001234')?.valueText).toBe('是KD0571001234');
  });

  it('takes out the value the correction denies', () => {
    expect(readCorrection('邮箱打错了，是 lihua@163.com，不是126')?.valueText).toBe('是 lihua@163.com');
    expect(readCorrection('记错了，是昨天转的，不是前天')?.valueText).toBe('是昨天转的');
    expect(readCorrection('哎呀发错了，不是羽绒服那单，是E202611200007')?.valueText).toBe('是E202611200007');
  });

  it('reads a correction behind several interjections and "我说的是"', () => {
    expect(readCorrection('哦哦不是这个，我要的是E202611200007')?.valueText).toContain('E202611200007');
    expect(readCorrection('等等，不是这张，丢的是借记卡6688')?.valueText).toBe('丢的是借记卡6688');
    expect(readCorrection('哦那个是社保卡的，我说的是居住证那个，SQ2026111800120')?.valueText).toContain('SQ2026111800120');
  });

  it('reads a mix-up and an English correction as a correction', () => {
    expect(readCorrection('两个单号我记混了，要查的是E202611200007')?.valueText).toBe('要查的是E202611200007');
    expect(readCorrection('刚才那个号其实是E202611200007')?.valueText).toBe('E202611200007');
    expect(readCorrection('oops my mistake, the order is E202611200007')?.valueText).toContain('E202611200007');
    expect(readCorrection('I meant E202611200007, not the other one')?.valueText).toContain('E202611200007');
  });

  it('is no correction without a new value, or when someone else made the slip', () => {
    expect(readCorrection('说错了')).toBeNull();
    expect(readCorrection('你们把地址打错了')).toBeNull();
    expect(readCorrection('不想要了')).toBeNull();
  });
});
