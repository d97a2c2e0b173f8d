import { describe, expect, it } from 'vitest';
import { splitPassageSentences, trimAnswer } from './answer-trimmer.js';

describe('answer trimming', () => {
  const passage = '签收后15天内，商品出现非人为的质量问题，消费者可以选择退货、换货或维修。签收后第16天至保修期届满，可以选择换货或维修；同一部件维修两次后仍不能正常使用的，可以选择换货或退货。\n提交质量问题申请时，请上传能清楚显示问题的照片。';

  it('keeps the sentence that answers and drops the rest', () => {
    const out = trimAnswer(passage, (s) => (s.includes('第16天') ? 3 : s.includes('维修') ? 1 : 0));
    expect(out).toBe('签收后第16天至保修期届满，可以选择换货或维修；');
  });

  it('keeps a second sentence that scores close to the best, in passage order', () => {
    const out = trimAnswer(passage, (s) => (s.includes('两次') ? 3 : s.includes('第16天') ? 2 : 0));
    expect(out).toBe('签收后第16天至保修期届满，可以选择换货或维修；同一部件维修两次后仍不能正常使用的，可以选择换货或退货。');
  });

  it('reads a Markdown table row together with its header', () => {
    const table = '| 分期期数 | 每期手续费率 |\n| --- | --- |\n| 3期 | 0.75% |\n| 6期 | 0.70% |';
    expect(splitPassageSentences(table)).toEqual([
      { text: '| 3期 | 0.75% |', header: '| 分期期数 | 每期手续费率 |' },
      { text: '| 6期 | 0.70% |', header: '| 分期期数 | 每期手续费率 |' },
    ]);
    expect(trimAnswer(table, (s) => (s.includes('6期') ? 1 : 0))).toBe('| 分期期数 | 每期手续费率 |\n| 6期 | 0.70% |');
  });

  it('keeps lines without a sentence mark apart', () => {
    expect(trimAnswer('项目：标准安装，收费：免费\n项目：铜管加长，收费：每米80元', (s) => (s.includes('收费') ? 1 : 0))).toBe('项目：标准安装，收费：免费\n项目：铜管加长，收费：每米80元');
  });

  it('falls back to the first sentence when nothing matches', () => {
    expect(trimAnswer('第一句。第二句。', () => 0)).toBe('第一句。');
  });
});
