import { describe, expect, it } from 'vitest';
import { checkWeeklyHours, checkWindows, sortWindows } from './working-windows.js';

describe('working windows editor validation', () => {
  it('accepts a day with a lunch break, windows that touch, and one ending at midnight', () => {
    expect(checkWindows([['09:00', '12:00'], ['13:30', '18:00']])).toEqual([]);
    expect(checkWindows([['09:00', '12:00'], ['12:00', '13:00']])).toEqual([]);
    expect(checkWindows([['20:00', '24:00']])).toEqual([]);
    expect(checkWindows([])).toEqual([]);
  });

  it('rejects what is not HH:MM', () => {
    expect(checkWindows([['9:00', '12:00']])).toEqual([{ index: 0, problem: 'format' }]);
    expect(checkWindows([['09:00', '12:60']])).toEqual([{ index: 0, problem: 'format' }]);
    expect(checkWindows([['24:00', '24:00']])).toEqual([{ index: 0, problem: 'format' }]);
    expect(checkWindows([['09:00', '']])).toEqual([{ index: 0, problem: 'format' }]);
  });

  it('rejects a window that ends before (or when) it starts', () => {
    expect(checkWindows([['18:00', '09:00']])).toEqual([{ index: 0, problem: 'order' }]);
    expect(checkWindows([['09:00', '09:00']])).toEqual([{ index: 0, problem: 'order' }]);
  });

  it('flags the later-listed of two overlapping windows, whatever order they are in', () => {
    expect(checkWindows([['09:00', '12:00'], ['11:30', '18:00']])).toEqual([{ index: 1, problem: 'overlap' }]);
    expect(checkWindows([['13:00', '18:00'], ['09:00', '13:30']])).toEqual([{ index: 1, problem: 'overlap' }]);
    expect(checkWindows([['08:00', '20:00'], ['09:00', '10:00'], ['11:00', '12:00']])).toEqual([
      { index: 1, problem: 'overlap' },
      { index: 2, problem: 'overlap' },
    ]);
  });

  it('sorts windows by start for saving', () => {
    expect(sortWindows([['13:30', '18:00'], ['09:00', '12:00']])).toEqual([['09:00', '12:00'], ['13:30', '18:00']]);
  });

  it('reports problems per weekday', () => {
    expect(checkWeeklyHours({ '1': [['09:00', '18:00']], '6': [['10:00', '09:00']] })).toEqual({ '6': [{ index: 0, problem: 'order' }] });
    expect(checkWeeklyHours({})).toEqual({});
  });
});
