import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../api/api-types.js';
import { dayTone, yearGrid } from './year-grid.js';

const day = (value: string, reason: CalendarDay['reason'], open: boolean, name?: string): CalendarDay => ({
  day: value,
  reason,
  open,
  windows: open ? [['09:00', '18:00']] : [],
  ...(name ? { name } : {}),
});

describe('business calendar year view', () => {
  const days = [
    day('2026-10-01', 'holiday', false, '国庆节'),
    day('2026-10-10', 'makeup_workday', true, '国庆节调休'),
    day('2026-10-12', 'weekday', true),
    day('2026-10-13', 'closure', false, '团建'),
    day('2026-10-17', 'weekend', false),
  ];
  const grid = yearGrid(2026, days);

  it('lays out twelve months, Monday first, padded to whole weeks', () => {
    expect(grid.map((month) => month.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const month of grid) for (const week of month.weeks) expect(week).toHaveLength(7);
    // 1 Oct 2026 is a Thursday.
    const october = grid[9]!;
    expect(october.weeks[0]!.slice(0, 3)).toEqual([null, null, null]);
    expect(october.weeks[0]![3]?.day).toBe('2026-10-01');
    expect(october.weeks.flat().filter(Boolean)).toHaveLength(31);
  });

  it('handles February in leap and common years', () => {
    expect(yearGrid(2028, [])[1]!.weeks.flat().filter(Boolean)).toHaveLength(29);
    expect(grid[1]!.weeks.flat().filter(Boolean)).toHaveLength(28);
    // 1 Feb 2026 is a Sunday: six padding cells before it.
    expect(grid[1]!.weeks[0]!.filter((cell) => cell === null)).toHaveLength(6);
  });

  it('colours holidays, 调休 working days, closures, open and resting days', () => {
    const october = new Map(grid[9]!.weeks.flat().flatMap((cell) => (cell ? [[cell.day, cell]] : [])));
    expect(october.get('2026-10-01')?.tone).toBe('holiday');
    expect(october.get('2026-10-10')?.tone).toBe('makeup');
    expect(october.get('2026-10-12')?.tone).toBe('open');
    expect(october.get('2026-10-13')?.tone).toBe('closure');
    expect(october.get('2026-10-17')?.tone).toBe('rest');
    expect(october.get('2026-10-20')).toMatchObject({ tone: 'rest', info: null });
    expect(dayTone(day('2026-10-24', 'weekend', true))).toBe('open');
  });
});
