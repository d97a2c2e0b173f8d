import { describe, expect, it } from 'vitest';
import { decodeTicketListCursor, encodeTicketListCursor } from './ticket-list-cursor.js';

const position = { updatedAt: '2026-12-07T01:02:03.123456Z', id: '0b7e8f1a-3c2d-4e5f-8a9b-0c1d2e3f4a5b' };

describe('ticket list cursor', () => {
  it('carries the position and the first page\'s total to the next page', () => {
    expect(decodeTicketListCursor(encodeTicketListCursor({ position, total: 9876 }))).toEqual({ position, total: 9876 });
    expect(decodeTicketListCursor(encodeTicketListCursor({ position, total: 0 }))).toEqual({ position, total: 0 });
  });

  it('reads a cursor without a total (then the page counts again)', () => {
    expect(decodeTicketListCursor(encodeTicketListCursor({ position, total: null }))).toEqual({ position, total: null });
  });

  it('refuses a malformed total or position as invalid_cursor', () => {
    const good = encodeTicketListCursor({ position, total: null });
    for (const bad of [`${good}.`, `${good}.-1`, `${good}.01`, `${good}.1e3`, `${good}.12.3`, `${good}.9999999999`, '.12', 'nope.12']) {
      expect(() => decodeTicketListCursor(bad), bad).toThrow(expect.objectContaining({ code: 'invalid_cursor' }));
    }
  });
});
