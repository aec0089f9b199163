import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { WINDOW_DAYS, WindowDays } from '../shared/windows';
import { TIMELINE_FILTERS, TimelineFilter } from './timelineRows';

const DEFAULT_DAYS: WindowDays = 90;

/**
 * The Delivery tab's window and timeline filter, kept in the URL (`?window=30&type=failures`) so
 * that a reload or a shared link shows the same. Defaults are left out of the URL; unknown values
 * fall back to them.
 */
export function useDeliveryParams() {
  const [params, setParams] = useSearchParams();
  const windowParam = Number(params.get('window'));
  const days = (WINDOW_DAYS as readonly number[]).includes(windowParam)
    ? (windowParam as WindowDays)
    : DEFAULT_DAYS;
  const typeParam = params.get('type');
  const filter = (TIMELINE_FILTERS as readonly string[]).includes(
    typeParam ?? '',
  )
    ? (typeParam as TimelineFilter)
    : 'all';

  const update = useCallback(
    (name: 'window' | 'type', value: string | undefined) =>
      setParams(
        prev => {
          // keep whatever else the page put in the query
          const next = new URLSearchParams(prev);
          if (value === undefined) next.delete(name);
          else next.set(name, value);
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setDays = useCallback(
    (d: WindowDays) =>
      update('window', d === DEFAULT_DAYS ? undefined : String(d)),
    [update],
  );
  const setFilter = useCallback(
    (f: TimelineFilter) => update('type', f === 'all' ? undefined : f),
    [update],
  );
  return { days, setDays, filter, setFilter };
}
