import { describe, expect, it } from 'vitest';
import { announcesNewRequest } from './new-request-cue.js';

describe('announcesNewRequest', () => {
  it('hears a new request announced beside the task under way', () => {
    for (const text of ['对了，顺便看看我另一个订单到哪了', '另外帮我开张发票', '等一下先帮我挂失', '哦对了，宽带也断了帮我报修', 'By the way, can you check my bill?', 'also, could you reset my password'])
      expect(announcesNewRequest(text)).toBe(true);
  });

  it('does not hear one in an answer or a plain statement', () => {
    for (const text of ['E202611250001', '对', '还有点发烫', '质量问题', '先不了', 'I want to return it']) expect(announcesNewRequest(text)).toBe(false);
  });
});
