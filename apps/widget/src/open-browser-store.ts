import type { KeyValueStore } from './key-value-store.js';
import { MemoryStore } from './memory-store.js';

/**
 * localStorage when the host page allows it. Sandboxed iframes, some privacy modes and
 * full quotas throw on access or write; the chat must still work, only without surviving
 * a reload, so every failure falls back to memory.
 */
export function openBrowserStore(): KeyValueStore {
  const memory = new MemoryStore();
  let local: Storage | null = null;
  try {
    local = window.localStorage;
    const probe = '__zhida_probe__';
    local.setItem(probe, '1');
    local.removeItem(probe);
  } catch {
    local = null;
  }
  if (!local) return memory;
  const storage = local;
  return {
    getItem: (key) => {
      try {
        return storage.getItem(key) ?? memory.getItem(key);
      } catch {
        return memory.getItem(key);
      }
    },
    setItem: (key, value) => {
      memory.setItem(key, value);
      try {
        storage.setItem(key, value);
      } catch {
        // Quota exceeded: the memory copy keeps this page session working.
      }
    },
    removeItem: (key) => {
      memory.removeItem(key);
      try {
        storage.removeItem(key);
      } catch {
        // Nothing more we can do; the memory copy is already gone.
      }
    },
  };
}
