import { describe, expect, it } from 'vitest';
import { ApiError, networkError } from '../api/api-error.js';
import { translate, type Translate } from './translate.js';
import { describeError } from './describe-error.js';
import { en } from './en.js';
import { zhCN } from './zh-CN.js';

const t: Translate = (key, params) => translate(zhCN, 'zh-CN', key, params);

describe('error text shown to the agent', () => {
  it('shows the server message as is', () => {
    expect(describeError(new ApiError('unauthorized', '邮箱或密码错误', 401), t)).toBe('邮箱或密码错误');
  });

  it('explains a network failure instead of the browser\'s "Failed to fetch"', () => {
    expect(describeError(networkError(new TypeError('Failed to fetch')), t)).toBe('网络连接失败，请检查网络后重试。');
  });

  it('words the refusals it knows in the console language, whatever the server wrote', () => {
    expect(describeError(new ApiError('group_name_taken', 'A group with this name already exists', 409), t)).toBe('已有同名的组，请换一个名称。');
    expect(describeError(new ApiError('invalid_status', 'A ticket cannot go back to "new"', 400), t)).toBe('工单不能改回“新建”状态。');
    const english: Translate = (key, params) => translate(en, 'en', key, params);
    expect(describeError(new ApiError('group_has_open_tickets', 'The group still holds 2 open tickets; move them to another group first', 409), english)).toBe(
      'This group still holds open tickets; move them to another group before deleting it.',
    );
  });

  it('falls back to the code when the server sent no message', () => {
    expect(describeError(new ApiError('forbidden', '', 403), t)).toBe('没有权限执行此操作。');
    expect(describeError(new ApiError('internal_error', '', 500), t)).toBe('操作失败（internal_error）');
    expect(describeError(new Error('boom'), t)).toBe('操作失败（unknown）');
  });
});
