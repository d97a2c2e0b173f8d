import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from '../i18n/describe-error.js';
import { useI18n } from '../i18n/i18n-context.js';
import { useAgentSocket } from '../realtime/agent-socket-context.js';
import { applyPresenceChange } from './overview-view.js';
import { RefetchThrottle } from './refetch-throttle.js';
import type { AgentPresenceChangedEvent, HandoffOverview } from './supervisor-api-types.js';
import { useSupervisorApi } from './use-supervisor-api.js';

/** At most one refetch per this many ms however busy the queue is. */
const REFETCH_THROTTLE_MS = 2_000;
/** The safety net for events lost on a flaky connection. */
const POLL_MS = 30_000;

export interface LiveOverview {
  overview: HandoffOverview | null;
  /** When `overview` was answered (browser clock), for the waits to keep counting from. */
  loadedAt: number;
  loading: boolean;
  error: string | null;
  reload: () => void;
}

/**
 * `GET /handoff/overview`, kept live: refetched (throttled) on `handoff.changed` and
 * `agent.presence_changed`, on every socket (re)connect, and every 30 s as a safety net; a
 * presence change shows at once, before its refetch answers.
 */
export function useHandoffOverview(): LiveOverview {
  const api = useSupervisorApi();
  const { socket, epoch } = useAgentSocket();
  const { t } = useI18n();
  const [overview, setOverview] = useState<HandoffOverview | null>(null);
  const [loadedAt, setLoadedAt] = useState(() => Date.now());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  // The newest request wins: an older answer arriving late must not overwrite a newer one.
  const generation = useRef(0);
  // Failures are described in the language of the moment, without refetching on a language switch.
  const tRef = useRef(t);
  useEffect(() => {
    tRef.current = t;
  }, [t]);

  const load = useCallback(() => {
    const mine = ++generation.current;
    api.overview().then(
      (next) => {
        if (mine !== generation.current) return;
        setOverview(next);
        setLoadedAt(Date.now());
        setError(null);
        setLoading(false);
      },
      (failure: unknown) => {
        if (mine !== generation.current) return;
        setError(describeError(failure, tRef.current));
        setLoading(false);
      },
    );
  }, [api]);

  useEffect(() => {
    load();
  }, [load, epoch]);

  useEffect(() => {
    const throttle = new RefetchThrottle(load, REFETCH_THROTTLE_MS);
    const poll = setInterval(() => throttle.request(), POLL_MS);
    const onChanged = () => throttle.request();
    const onPresence = (event: AgentPresenceChangedEvent) => {
      setOverview((current) => (current ? applyPresenceChange(current, event) : current));
      throttle.request();
    };
    socket?.on('handoff.changed', onChanged);
    socket?.on('agent.presence_changed', onPresence);
    return () => {
      clearInterval(poll);
      throttle.cancel();
      socket?.off('handoff.changed', onChanged);
      socket?.off('agent.presence_changed', onPresence);
    };
  }, [socket, load]);

  useEffect(
    () => () => {
      // Unmounted: drop answers still on their way.
      generation.current += 1;
    },
    [],
  );

  return { overview, loadedAt, loading, error, reload: load };
}
