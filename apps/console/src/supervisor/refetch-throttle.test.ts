import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { RefetchThrottle } from './refetch-throttle.js';

describe('refetching on a burst of queue events', () => {
  beforeEach(() => vi.useFakeTimers({ now: 0 }));
  afterEach(() => vi.useRealTimers());

  it('fetches at once for the first event', () => {
    const run = vi.fn();
    new RefetchThrottle(run, 2000).request();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('collapses the events of the pause into one fetch at its end', () => {
    const run = vi.fn();
    const throttle = new RefetchThrottle(run, 2000);
    throttle.request();
    vi.advanceTimersByTime(500);
    throttle.request();
    throttle.request();
    vi.advanceTimersByTime(1000);
    throttle.request();
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(500);
    expect(run).toHaveBeenCalledTimes(2);
    vi.advanceTimersByTime(10_000);
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('fetches at once again after a quiet interval', () => {
    const run = vi.fn();
    const throttle = new RefetchThrottle(run, 2000);
    throttle.request();
    vi.advanceTimersByTime(2500);
    throttle.request();
    expect(run).toHaveBeenCalledTimes(2);
  });

  it('drops the waiting fetch when cancelled', () => {
    const run = vi.fn();
    const throttle = new RefetchThrottle(run, 2000);
    throttle.request();
    throttle.request();
    throttle.cancel();
    vi.advanceTimersByTime(5000);
    expect(run).toHaveBeenCalledTimes(1);
  });
});
