import { describe, expect, it } from 'vitest';
import { readWidgetConfig, WidgetConfigError } from './widget-config.js';

const page = 'https://shop.example.com/products/42';

describe('embed snippet', () => {
  it('talks to the server the script came from, not to the page that embeds it', () => {
    const config = readWidgetConfig({ src: 'https://cs.example.com:8443/widget.js?v=3', dataset: { tenant: 'demo-ecommerce' } }, page);
    expect(config).toEqual({ tenant: 'demo-ecommerce', apiOrigin: 'https://cs.example.com:8443', locale: 'zh-CN', title: '在线客服' });
  });

  it('resolves a relative script src against the page', () => {
    expect(readWidgetConfig({ src: '/widget.js', dataset: { tenant: 't' } }, page).apiOrigin).toBe('https://shop.example.com');
  });

  it('passes on identity, locale and title when given', () => {
    const config = readWidgetConfig(
      { src: 'https://cs.example.com/widget.js', dataset: { tenant: 'demo-finance', userId: 'u-7', userHash: 'ab12', userName: '张三', locale: 'en', title: 'Help' } },
      page,
    );
    expect(config).toMatchObject({ userId: 'u-7', userHash: 'ab12', userName: '张三', locale: 'en', title: 'Help' });
  });

  it('uses the English default title for English pages', () => {
    expect(readWidgetConfig({ src: '/widget.js', dataset: { tenant: 't', locale: 'en-GB' } }, page).title).toBe('Customer service');
  });

  it('ignores blank optional attributes rather than sending empty identity fields', () => {
    const config = readWidgetConfig({ src: '/widget.js', dataset: { tenant: 't', userId: '  ', title: '' } }, page);
    expect(config).not.toHaveProperty('userId');
    expect(config.title).toBe('在线客服');
  });

  it('explains a missing tenant instead of failing silently', () => {
    expect(() => readWidgetConfig({ src: '/widget.js', dataset: {} }, page)).toThrow(WidgetConfigError);
  });
});
