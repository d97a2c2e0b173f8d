import { describe, expect, it } from 'vitest';
import { zhCN } from '../i18n/zh-CN.js';
import { eventDetail, eventLabelKey } from './ticket-event-label.js';

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
});

describe('ticket timeline details', () => {
  it('shows before and after of status, priority and category changes', () => {
    expect(eventDetail({ type: 'status_changed', data: { from: 'open', to: 'resolved' } })).toEqual({ kind: 'change', from: 'open', to: 'resolved' });
    expect(eventDetail({ type: 'category_changed', data: { from: null, to: 'refund' } })).toEqual({ kind: 'change', from: null, to: 'refund' });
  });

  it('names the group or person a ticket went to, or that it was unassigned', () => {
    expect(eventDetail({ type: 'group_changed', data: { from: 'g1', to: 'g2', groupName: '售后服务部' } })).toEqual({ kind: 'target', name: '售后服务部' });
    expect(eventDetail({ type: 'routed', data: { groupId: 'g', groupName: '物流部', ruleId: null } })).toEqual({ kind: 'target', name: '物流部' });
    expect(eventDetail({ type: 'assigned', data: { assigneeId: 'u', assigneeName: '小王' } })).toEqual({ kind: 'target', name: '小王' });
    expect(eventDetail({ type: 'sla_applied', data: { policyId: 'p', policyName: '退换货（P3）', firstResponseDueAt: null } })).toEqual({ kind: 'target', name: '退换货（P3）' });
    expect(eventDetail({ type: 'sla_applied', data: { policyId: null, policyName: null } })).toBeNull();
    expect(eventDetail({ type: 'assigned', data: { assigneeId: null, assigneeName: null } })).toEqual({ kind: 'unassigned' });
  });

  it('gives the other ticket of a merge and the clock of an SLA alert', () => {
    expect(eventDetail({ type: 'merged', data: { intoTicketId: 't', intoNumber: 'GD202612070002' } })).toEqual({ kind: 'merged', number: 'GD202612070002', into: true });
    expect(eventDetail({ type: 'merged_from', data: { fromTicketId: 't', fromNumber: 'GD202612070001' } })).toEqual({ kind: 'merged', number: 'GD202612070001', into: false });
    expect(eventDetail({ type: 'sla_breach', data: { clock: 'resolution', dueAt: '2026-12-07T10:00:00Z' } })).toEqual({ kind: 'clock', clock: 'resolution' });
    expect(eventDetail({ type: 'sla_warning', data: { clock: 'bedtime' } })).toBeNull();
  });

  it('adds nothing when the data says nothing', () => {
    expect(eventDetail({ type: 'note', data: {} })).toBeNull();
    expect(eventDetail({ type: 'created', data: { channel: 'widget' } })).toBeNull();
  });
});
