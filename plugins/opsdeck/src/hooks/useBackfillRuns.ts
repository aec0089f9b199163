import { useApi } from '@backstage/core-plugin-api';
import { useCallback, useEffect, useState } from 'react';
import { OpsDeckBackfillRun, opsDeckApiRef } from '../api/OpsDeckApi';

/** How often the runs are asked for again while one is running. */
export const BACKFILL_POLL_MS = 3000;

/**
 * The recent backfill runs, asked for again every few seconds while one of them runs and no
 * more once none does. A failed poll keeps the runs last shown (and polls on while they ran);
 * `refresh` asks at once, e.g. after starting a run. Asks nothing unless `enabled`.
 *
 * @internal
 */
export function useBackfillRuns(enabled: boolean) {
  const api = useApi(opsDeckApiRef);
  const [state, setState] = useState<{
    runs?: OpsDeckBackfillRun[];
    error?: Error;
    loading: boolean;
  }>({ loading: enabled });
  const [asked, setAsked] = useState(0);
  const refresh = useCallback(() => setAsked(n => n + 1), []);

  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    setState(s => ({ ...s, loading: true }));
    api.listBackfillRuns().then(
      runs => {
        if (current) setState({ runs, loading: false });
      },
      error => {
        if (current) setState(s => ({ runs: s.runs, error, loading: false }));
      },
    );
    return () => {
      current = false;
    };
  }, [api, enabled, asked]);

  const running = state.runs?.some(r => r.status === 'running') ?? false;
  useEffect(() => {
    if (!running || state.loading) return undefined;
    const timer = setTimeout(refresh, BACKFILL_POLL_MS);
    return () => clearTimeout(timer);
  }, [running, state.loading, state.runs, refresh]);

  return { ...state, running, refresh };
}
