import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from './route.js';

describe('hash routing', () => {
  it('opens a conversation from a shared link', () => {
    expect(parseRoute('#/conversations/9b2c41d0')).toEqual({ screen: 'conversations', conversationId: '9b2c41d0' });
  });

  it('opens the knowledge-base screens by name', () => {
    expect(parseRoute('#/articles')).toEqual({ screen: 'articles', articleId: null });
    expect(parseRoute('#/articles/5f0c')).toEqual({ screen: 'articles', articleId: '5f0c' });
    expect(parseRoute('#/suggestions')).toEqual({ screen: 'suggestions' });
  });

  it('opens the widget security settings under #/settings', () => {
    expect(parseRoute('#/settings/widget-security')).toEqual({ screen: 'widget-security' });
    expect(routeHash({ screen: 'widget-security' })).toBe('#/settings/widget-security');
    expect(parseRoute('#/settings/unknown')).toEqual({ screen: 'conversations', conversationId: null });
  });

  it('falls back to the conversation list for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ screen: 'conversations', conversationId: null });
    expect(parseRoute('#/settings')).toEqual({ screen: 'conversations', conversationId: null });
    expect(parseRoute('#/%E0%A4%A')).toEqual({ screen: 'conversations', conversationId: null });
  });

  it('round-trips every route through its hash', () => {
    const routes: Route[] = [{ screen: 'faq' }, { screen: 'articles', articleId: null }, { screen: 'articles', articleId: 'a b' }, { screen: 'suggestions' }, { screen: 'widget-security' }, { screen: 'conversations', conversationId: null }, { screen: 'conversations', conversationId: 'a/b' }];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });
});
