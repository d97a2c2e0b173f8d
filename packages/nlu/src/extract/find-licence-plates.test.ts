import { describe, expect, it } from 'vitest';
import { findLicencePlates } from './find-licence-plates.js';

describe('licence plates', () => {
  it.each([
    ['车牌京A12345违章了', '京A12345'],
    ['粤B·D12345的充电桩', '粤BD12345'],
    ['沪A1234学', '沪A1234学'],
    ['我的车 苏E 3C5K8', '苏E3C5K8'],
  ])('finds the plate in %s', (text, value) => {
    expect(findLicencePlates(text).map((p) => p.value)).toEqual([value]);
  });

  it('does not start a plate inside a Chinese word or an order number', () => {
    expect(findLicencePlates('北京A12345号')).toEqual([]);
    expect(findLicencePlates('最新A12345型')).toEqual([]);
    expect(findLicencePlates('订单京ABCDEF')).toEqual([]);
    expect(findLicencePlates('京A123456789')).toEqual([]);
  });
});
