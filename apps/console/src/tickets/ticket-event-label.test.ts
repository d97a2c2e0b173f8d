import { describe, expect, it } from 'vitest';
import { zhCN } from '../i18n/zh-CN.js';
import { eventChange, eventLabelKey } from './ticket-event-label.js';

describe('ticket timeline labels', () => {
  it('names every event type of the event log, in the catalogue', () => {
    for (const type of ['created', 'note', 'reply', 'customer_reply', 'sla_breach', 'auto_closed', 'merged_from']) {
      const key = eventLabelKey(type);
      expect(key).not.toBeNull();
      expect(zhCN[key!]).toBeTruthy();
    }
  });

  it('leaves an unknown type to the generic label', () => {
    expect(eventLabelKey('teleported')).toBeNull();
  });

  it('reads a change from its data, preferring names over ids', () => {
    expect(eventChange({ data: { from: 'open', to: 'resolved' } })).toEqual({ from: 'open', to: 'resolved' });
    expect(eventChange({ data: { from: 'g1', to: 'g2', fromName: '售前', toName: '售后' } })).toEqual({ from: '售前', to: '售后' });
    expect(eventChange({ data: { to: 'open' } })).toBeNull();
    expect(eventChange({ data: {} })).toBeNull();
  });
});
