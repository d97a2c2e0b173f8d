import { describe, expect, it } from 'vitest';
import { ApiError, networkError } from '../api/api-error.js';
import { translate, type Translate } from './translate.js';
import { describeError } from './describe-error.js';
import { zhCN } from './zh-CN.js';

const t: Translate = (key, params) => translate(zhCN, 'zh-CN', key, params);

describe('error text shown to the agent', () => {
  it('shows the server message as is', () => {
    expect(describeError(new ApiError('unauthorized', '邮箱或密码错误', 401), t)).toBe('邮箱或密码错误');
  });

  it('explains a network failure instead of the browser\'s "Failed to fetch"', () => {
    expect(describeError(networkError(new TypeError('Failed to fetch')), t)).toBe('网络连接失败，请检查网络后重试。');
  });

  it('falls back to the code when the server sent no message', () => {
    expect(describeError(new ApiError('forbidden', '', 403), t)).toBe('没有权限执行此操作。');
    expect(describeError(new ApiError('internal_error', '', 500), t)).toBe('操作失败（internal_error）');
    expect(describeError(new Error('boom'), t)).toBe('操作失败（unknown）');
  });
});
