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

  it('opens the WeChat accounts under #/settings/wechat', () => {
    expect(parseRoute('#/settings/wechat')).toEqual({ screen: 'wechat-accounts' });
    expect(routeHash({ screen: 'wechat-accounts' })).toBe('#/settings/wechat');
  });

  it('opens the privacy page by name', () => {
    expect(parseRoute('#/privacy')).toEqual({ screen: 'privacy' });
    expect(routeHash({ screen: 'privacy' })).toBe('#/privacy');
  });

  it('opens the ticket queues and one ticket by id', () => {
    expect(parseRoute('#/tickets')).toEqual({ screen: 'tickets', ticketId: null });
    expect(parseRoute('#/tickets/3f1c9a2e-0b7d-4c1e-9a55-5b2f0c7d1e20')).toEqual({ screen: 'tickets', ticketId: '3f1c9a2e-0b7d-4c1e-9a55-5b2f0c7d1e20' });
    expect(routeHash({ screen: 'tickets', ticketId: 'a1' })).toBe('#/tickets/a1');
  });

  it('opens the ticket administration sections, and nothing else under #/ticket-admin', () => {
    expect(parseRoute('#/ticket-admin/calendar')).toEqual({ screen: 'ticket-admin', section: 'calendar' });
    expect(parseRoute('#/ticket-admin/sla')).toEqual({ screen: 'ticket-admin', section: 'sla' });
    expect(parseRoute('#/ticket-admin/webhooks')).toEqual({ screen: 'conversations', conversationId: null });
    expect(parseRoute('#/ticket-admin')).toEqual({ screen: 'conversations', conversationId: null });
  });

  it('opens the supervisor live view and the staffing sections', () => {
    expect(parseRoute('#/supervisor')).toEqual({ screen: 'supervisor' });
    expect(parseRoute('#/agent-admin/canned-replies')).toEqual({ screen: 'agent-admin', section: 'canned-replies' });
    expect(routeHash({ screen: 'agent-admin', section: 'agents' })).toBe('#/agent-admin/agents');
    expect(parseRoute('#/agent-admin/skills')).toEqual({ screen: 'conversations', conversationId: null });
  });

  it('opens the agent workspace and one staffed chat in it', () => {
    expect(parseRoute('#/workspace')).toEqual({ screen: 'workspace', conversationId: null });
    expect(parseRoute('#/workspace/9b2c41d0')).toEqual({ screen: 'workspace', conversationId: '9b2c41d0' });
    expect(routeHash({ screen: 'workspace', conversationId: 'c 1' })).toBe('#/workspace/c%201');
  });

  it('falls back to the conversation list for an empty or unknown hash', () => {
    expect(parseRoute('')).toEqual({ screen: 'conversations', conversationId: null });
    expect(parseRoute('#/settings')).toEqual({ screen: 'conversations', conversationId: null });
    expect(parseRoute('#/%E0%A4%A')).toEqual({ screen: 'conversations', conversationId: null });
  });

  it('round-trips every route through its hash', () => {
    const routes: Route[] = [{ screen: 'faq' }, { screen: 'articles', articleId: null }, { screen: 'articles', articleId: 'a b' }, { screen: 'suggestions' }, { screen: 'widget-security' }, { screen: 'conversations', conversationId: null }, { screen: 'conversations', conversationId: 'a/b' }, { screen: 'tickets', ticketId: null }, { screen: 'tickets', ticketId: 'x/y z' }, { screen: 'ticket-admin', section: 'groups' }, { screen: 'ticket-admin', section: 'rules' }, { screen: 'workspace', conversationId: null }, { screen: 'workspace', conversationId: 'a/b' }, { screen: 'supervisor' }, { screen: 'agent-admin', section: 'agents' }, { screen: 'agent-admin', section: 'canned-replies' }];
    for (const route of routes) expect(parseRoute(routeHash(route))).toEqual(route);
  });
});
