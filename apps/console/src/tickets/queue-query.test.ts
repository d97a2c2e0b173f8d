import { describe, expect, it } from 'vitest';
import { isQueueTab, QUEUE_PAGE_SIZE, QUEUE_TABS, queueQuery } from './queue-query.js';

describe('queue tab → ticket list query', () => {
  it('asks for the tab as the queue, a page at a time', () => {
    expect(queueQuery('triage', {})).toEqual({ queue: 'triage', limit: QUEUE_PAGE_SIZE });
    expect(queueQuery('breached', {}, 'c2')).toEqual({ queue: 'breached', limit: QUEUE_PAGE_SIZE, cursor: 'c2' });
  });

  it('keeps the filters that are set and drops blank ones', () => {
    expect(queueQuery('all', { status: 'open', priority: 'P1', categoryId: 'c', groupId: '', assigneeId: undefined, q: '   ' })).toEqual({
      queue: 'all',
      limit: QUEUE_PAGE_SIZE,
      status: 'open',
      priority: 'P1',
      categoryId: 'c',
    });
  });

  it('trims the search and caps it at what the server accepts', () => {
    expect(queueQuery('mine', { q: ' GD202612060007 ' }).q).toBe('GD202612060007');
    expect(queueQuery('mine', { q: '退'.repeat(300) }).q).toHaveLength(200);
  });

  it('knows its tabs, mine first and all last', () => {
    expect(QUEUE_TABS[0]).toBe('mine');
    expect(QUEUE_TABS.at(-1)).toBe('all');
    expect(isQueueTab('due_soon')).toBe(true);
    expect(isQueueTab('everything')).toBe(false);
  });
});
