import { useCallback, useEffect, useState, type DependencyList, type Dispatch, type SetStateAction } from 'react';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';

export interface RemoteList<T> {
  items: T[];
  /** For optimistic edits (drop a deleted row, patch a changed one) without a round trip. */
  setItems: Dispatch<SetStateAction<T[]>>;
  loading: boolean;
  /** The last failure, already described in the language of the moment it was loaded. */
  error: string | null;
  /** Fetches again with the same arguments (after a save, a conflict, a refresh). */
  reload: () => void;
}

/**
 * Loads a list whenever `deps` change or `reload()` is called; an answer that arrives after a newer
 * request started (or after unmount) is dropped, so a slow search cannot overwrite a faster one.
 * `onLoaded` runs with every accepted answer, after `items` is set.
 *
 * @example
 * const faqs = useRemoteList(() => api.listFaqs({ category }).then((page) => page.items), [api, category]);
 */
export function useRemoteList<T>(fetchItems: () => Promise<T[]>, deps: DependencyList, onLoaded?: (items: T[]) => void): RemoteList<T> {
  const { t } = useI18n();
  const [items, setItems] = useState<T[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    fetchItems().then(
      (loaded) => {
        if (cancelled) return;
        setItems(loaded);
        onLoaded?.(loaded);
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (cancelled) return;
        setError(describeError(failure, t));
        setLoading(false);
      },
    );
    return () => {
      cancelled = true;
    };
    // Only the caller's deps: fetchItems, onLoaded and t are new every render, and a language switch must not refetch.
  }, [...deps, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  return { items, setItems, loading, error, reload };
}
