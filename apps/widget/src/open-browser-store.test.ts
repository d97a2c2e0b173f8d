import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryStore } from './memory-store.js';
import { openBrowserStore } from './open-browser-store.js';

afterEach(() => vi.unstubAllGlobals());

describe('browser storage', () => {
  it('uses localStorage when the page allows it', () => {
    const local = new MemoryStore();
    vi.stubGlobal('window', { localStorage: local });
    openBrowserStore().setItem('k', 'v');
    expect(local.getItem('k')).toBe('v');
  });

  it('keeps working in memory when localStorage access throws (sandboxed iframe, privacy mode)', () => {
    vi.stubGlobal('window', {
      get localStorage(): Storage {
        throw new DOMException('denied', 'SecurityError');
      },
    });
    const store = openBrowserStore();
    store.setItem('k', 'v');
    expect(store.getItem('k')).toBe('v');
  });

  it('keeps the value for this page when the quota is full', () => {
    const local = new MemoryStore();
    vi.stubGlobal('window', { localStorage: local });
    const store = openBrowserStore();
    local.setItem = () => {
      throw new DOMException('full', 'QuotaExceededError');
    };
    store.setItem('outbox', '[1]');
    expect(store.getItem('outbox')).toBe('[1]');
  });
});
