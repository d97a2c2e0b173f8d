import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error.js';
import { describeError } from '../i18n/describe-error.js';
import { en } from '../i18n/en.js';
import { translate } from '../i18n/translate.js';
import { zhCN } from '../i18n/zh-CN.js';
import { REASSIGN_REFUSALS } from './supervisor-api-types.js';

describe('why a reassign was refused', () => {
  it('names every refusal in the console’s language, not in the server’s English', () => {
    for (const code of REASSIGN_REFUSALS) {
      const error = new ApiError(code, 'The agent already holds as many chats as allowed: 小李', 409);
      const zh = describeError(error, (key, params) => translate(zhCN, 'zh-CN', key, params));
      const english = describeError(error, (key, params) => translate(en, 'en', key, params));
      expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      expect(zh, code).not.toContain('The agent');
      expect(english, code).not.toBe(error.message);
    }
  });

  it('tells a full agent from one without the skill', () => {
    const t = (key: Parameters<typeof translate>[2]) => translate(zhCN, 'zh-CN', key);
    expect(describeError(new ApiError('agent_at_capacity', '', 409), t)).toBe('该客服已达接待上限');
    expect(describeError(new ApiError('agent_lacks_skill', '', 409), t)).toBe('该客服缺少此对话所需的技能');
  });
});
