import { describe, expect, it } from 'vitest';
import { readUtteranceCues } from './utterance-cues.js';

describe('utterance cues', () => {
  it('hears cancellation but not a request to cancel an order', () => {
    expect(readUtteranceCues('算了').cancel).toBe(true);
    expect(readUtteranceCues('那还是不办了吧').cancel).toBe(true);
    expect(readUtteranceCues('取消').cancel).toBe(true);
    expect(readUtteranceCues('我要取消订单').cancel).toBe(false);
  });

  it('extracts the corrected value after "不对" or "改成"', () => {
    expect(readUtteranceCues('不对，订单号是E2').correction).toEqual({ valueText: '订单号是E2' });
    expect(readUtteranceCues('地址改成上海市浦东新区').correction).toEqual({ valueText: '上海市浦东新区' });
    expect(readUtteranceCues('不对').correction).toBeNull();
  });

  it('reads a correction behind an interjection, and "打错了"/"填错了" as correction cues', () => {
    expect(readUtteranceCues('哦打错了，是20261118900014').correction).toEqual({ valueText: '是20261118900014' });
    expect(readUtteranceCues('呃，填错了 13800138000').correction).toEqual({ valueText: '13800138000' });
    // A complaint about someone else's mistake is not a correction of the customer's own answer.
    expect(readUtteranceCues('你们把地址打错了').correction).toBeNull();
  });

  it('tells "the same" from "the other" references', () => {
    expect(readUtteranceCues('刚才那个订单').reference).toBe('same');
    expect(readUtteranceCues('它到哪了').reference).toBe('same');
    expect(readUtteranceCues('那另一个订单呢').reference).toBe('other');
    expect(readUtteranceCues('其它问题').reference).toBeNull();
  });

  it('hears requests for a person and yes/no answers', () => {
    expect(readUtteranceCues('给我转人工').human).toBe('ask');
    expect(readUtteranceCues('I want to talk to a human').human).toBe('ask');
    expect(readUtteranceCues('人工').human).toBe('ask');
    expect(readUtteranceCues('周末有人工客服吗').human).toBe('mention');
    expect(readUtteranceCues('运费谁出').human).toBeNull();
    expect(readUtteranceCues('好的').confirmation).toBe('yes');
    expect(readUtteranceCues('不用了').confirmation).toBe('no');
    expect(readUtteranceCues('好的我再想想').confirmation).toBeNull();
  });

  it('reads a yes or no that names the action asked about ("确定取消", "不取消了", "好的，帮我催一下")', () => {
    expect(readUtteranceCues('确定取消').confirmation).toBe('yes');
    expect(readUtteranceCues('好的，帮我催一下').confirmation).toBe('yes');
    expect(readUtteranceCues('不取消了').confirmation).toBe('no');
    expect(readUtteranceCues('不了').confirmation).toBe('no');
    expect(readUtteranceCues('对，但是地址不对').confirmation).toBeNull();
  });

  it('tells a general question from a question about the customer\'s own case', () => {
    expect(readUtteranceCues('退货运费谁出啊').generalQuestion).toBe(true);
    expect(readUtteranceCues('信用卡免息期多长时间').generalQuestion).toBe(true);
    expect(readUtteranceCues('拆封了还能退吗').generalQuestion).toBe(true);
    expect(readUtteranceCues('营业厅几点开门').generalQuestion).toBe(true);
    expect(readUtteranceCues('12345是干嘛的').generalQuestion).toBe(true);
    expect(readUtteranceCues('95588几点上班').generalQuestion).toBe(true);
    expect(readUtteranceCues('单号20261是什么').generalQuestion).toBe(false);
    expect(readUtteranceCues('我的快递几点到').generalQuestion).toBe(false);
    expect(readUtteranceCues('我的退款到哪了').generalQuestion).toBe(false);
    expect(readUtteranceCues('帮我查一下流量还剩多少').generalQuestion).toBe(false);
    expect(readUtteranceCues('我要退货').generalQuestion).toBe(false);
    expect(readUtteranceCues('刚才那个订单能改地址吗').generalQuestion).toBe(false);
    expect(readUtteranceCues('信用卡账单多少钱').generalQuestion).toBe(false);
    expect(readUtteranceCues('卡丢了怎么办').generalQuestion).toBe(false);
    expect(readUtteranceCues('居住证怎么办理').generalQuestion).toBe(true);
    // Where and which, without 哪里: "去哪领证", "在哪补材料", "啥时候".
    expect(readUtteranceCues('办好了去哪领证').generalQuestion).toBe(true);
    expect(readUtteranceCues('在哪补材料').asks).toBe(true);
    expect(readUtteranceCues('我的快递到哪了').generalQuestion).toBe(false);
  });

  it('hears A-not-A and either-or questions, which need no question word', () => {
    expect(readUtteranceCues('一单买了三件 只想退一件行不行').asks).toBe(true);
    expect(readUtteranceCues('物流好久都不更新 是不是丢了').asks).toBe(true);
    expect(readUtteranceCues('收到的包裹破了是找快递还是找你们').asks).toBe(true);
    expect(readUtteranceCues('不不不').asks).toBe(false);
    expect(readUtteranceCues('我要退货').asks).toBe(false);
    // "好几个窗口" counts nothing.
    expect(readUtteranceCues('我要反映个问题，好几个窗口的人在玩手机').asks).toBe(false);
  });

  it('hears trouble the customer has now, not a condition or a rule', () => {
    expect(readUtteranceCues('家里宽带坏了，怎么报修').trouble).toBe(true);
    expect(readUtteranceCues('我的卡丢了怎么挂失').trouble).toBe(true);
    expect(readUtteranceCues('我的订单还没到').trouble).toBe(true);
    expect(readUtteranceCues('手机上不了网了').trouble).toBe(true);
    expect(readUtteranceCues('宽带怎么报修').trouble).toBe(false);
    expect(readUtteranceCues('万一卡丢了怎么挂失').trouble).toBe(false);
    expect(readUtteranceCues('宽带坏了一般多久修好').trouble).toBe(false);
    // Words that only look like trouble: "能不能用", "用不了多久", "还没到期".
    expect(readUtteranceCues('这张卡在国外能不能用').trouble).toBe(false);
    expect(readUtteranceCues('用不了多久就到').trouble).toBe(false);
    expect(readUtteranceCues('套餐还没到期能改吗').trouble).toBe(false);
  });
});
