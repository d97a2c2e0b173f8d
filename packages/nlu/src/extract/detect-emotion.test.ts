import { describe, expect, it } from 'vitest';
import { detectEmotion } from './detect-emotion.js';

describe('anger', () => {
  it('recognises insults with exclamation marks as strong anger', () => {
    const e = detectEmotion('什么破服务，太垃圾了！！！');
    expect(e.label).toBe('anger');
    expect(e.score).toBeGreaterThan(0.9);
    expect(e.cues).toEqual(expect.arrayContaining(['什么破', '垃圾']));
  });

  it('scores an intensified complaint above a plain one', () => {
    expect(detectEmotion('服务太差劲了').score).toBeGreaterThan(detectEmotion('服务差劲').score);
  });

  it('reads 不满意 as a complaint, not satisfaction', () => {
    expect(detectEmotion('我很不满意').label).toBe('anger');
    expect(detectEmotion('不太满意').label).toBe('anger');
  });

  it('recognises English anger and shouting', () => {
    expect(detectEmotion('WHERE IS MY ORDER, THIS IS RIDICULOUS').label).toBe('anger');
    expect(detectEmotion('wtf is this').label).toBe('anger');
    expect(detectEmotion('not happy at all').label).toBe('anger');
  });

  it('reads a useless bot as a complaint', () => {
    expect(detectEmotion('机器人没用，转人工').label).toBe('anger');
  });

  it('reads Traditional characters', () => {
    expect(detectEmotion('你們這服務太爛了').label).toBe('anger');
  });

  it('lets the clause after 但是 decide', () => {
    expect(detectEmotion('谢谢，但是太慢了').label).toBe('anger');
  });
});

describe('anxiety', () => {
  it('reads a worry about being cheated as fear, and a word for cheating said of the company as anger', () => {
    for (const worried of ['你们客服会不会找我要验证码啊？别是骗子', '这个短信该不会是骗人的吧', '怕遇到骗子，这个链接是真的吗', '万一又被忽悠了怎么办']) {
      expect(detectEmotion(worried).label, worried).toBe('anxiety');
    }
    for (const accusing of ['你们就是骗子', '你们这是骗人', '骗子公司，退钱']) expect(detectEmotion(accusing).label, accusing).toBe('anger');
  });

  it('recognises urgency', () => {
    expect(detectEmotion('怎么还没发货？？？').label).toBe('anxiety');
    expect(detectEmotion('快快快，急用').label).toBe('anxiety');
    expect(detectEmotion('I need it asap, very worried').label).toBe('anxiety');
  });

  it('reads 怎么办 as worry only at the end of a clause, and only with other signs', () => {
    expect(detectEmotion('卡丢了怎么办，急死了').label).toBe('anxiety');
    expect(detectEmotion('信用卡分期怎么办理').label).toBe('neutral');
  });

  it('takes 不急 as calm', () => {
    expect(detectEmotion('不急，慢慢来').label).toBe('neutral');
  });
});

describe('satisfaction', () => {
  it('recognises thanks and praise, including emoji', () => {
    expect(detectEmotion('很满意，谢谢').label).toBe('satisfied');
    expect(detectEmotion('thanks, great service 👍').label).toBe('satisfied');
    expect(detectEmotion('太好了').label).toBe('satisfied');
  });
});

describe('neutral', () => {
  it.each(['不谢', 'no thanks', '不但便宜，而且好用吗', '上个月没用完的流量结转了吗', '在网不满120天能转吗', '这个值得买吗', '好用吗？', '我的快递到哪了', '你好', '不生气，就是问问', '滚筒洗衣机怎么用', '我马上就到', '垃圾桶放哪', '不急于这一时', '住的是五星酒店'])('finds no emotion in %s', (text) => {
    const e = detectEmotion(text);
    expect(e.label).toBe('neutral');
    expect(e.cues).toEqual([]);
  });

  it('keeps every score within [0, 1]', () => {
    for (const text of ['垃圾'.repeat(200) + '！'.repeat(50), '', '谢谢'.repeat(100)]) {
      const { score } = detectEmotion(text);
      expect(score).toBeGreaterThanOrEqual(0);
      expect(score).toBeLessThanOrEqual(1);
    }
  });
});
