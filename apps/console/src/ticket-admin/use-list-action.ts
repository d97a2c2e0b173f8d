import { App } from 'antd';
import { useCallback } from 'react';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import type { RemoteList } from '../lists/use-remote-list.js';

/**
 * Runs a change to a list's entries: on success a toast and a reload of the list, on failure the error
 * described in a toast. Resolves to whether it succeeded, so a dialog knows whether to close.
 */
export function useListAction(list: Pick<RemoteList<unknown>, 'reload'>): (action: () => Promise<unknown>, done: string) => Promise<boolean> {
  const { t } = useI18n();
  const { message: toast } = App.useApp();
  const { reload } = list;
  return useCallback(
    async (action, done) => {
      try {
        await action();
        toast.success(done);
        reload();
        return true;
      } catch (failure) {
        toast.error(describeError(failure, t));
        return false;
      }
    },
    [reload, t, toast],
  );
}
