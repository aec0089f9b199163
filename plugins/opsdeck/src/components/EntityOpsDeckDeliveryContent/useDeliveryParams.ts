import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';
import { WINDOW_DAYS, WindowDays } from '../shared/windows';
import { TIMELINE_FILTERS, TimelineFilter } from './timelineRows';

const DEFAULT_DAYS: WindowDays = 90;

type ParamName = 'window' | 'type' | 'slo' | 'objective';

/** Which SLO (its `metadata.name`; the first when unset) and objective (its index) to chart. */
export interface BudgetChoice {
  slo?: string;
  objective: number;
}

/**
 * The Delivery tab's window, timeline filter and the error budget's SLO and objective, kept in
 * the URL (`?window=30&type=failures&slo=checkout-availability&objective=1`) so that a reload or a
 * shared link shows the same. Defaults are left out of the URL; unknown values fall back to them.
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

  const objectiveParam = params.get('objective');
  const budget = {
    slo: params.get('slo') || undefined,
    objective:
      objectiveParam && /^\d{1,3}$/.test(objectiveParam)
        ? Number(objectiveParam)
        : 0,
  };

  const update = useCallback(
    (values: Partial<Record<ParamName, string | undefined>>) =>
      setParams(
        prev => {
          // keep whatever else the page put in the query
          const next = new URLSearchParams(prev);
          for (const [name, value] of Object.entries(values)) {
            if (value === undefined) next.delete(name);
            else next.set(name, value);
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );
  const setDays = useCallback(
    (d: WindowDays) =>
      update({ window: d === DEFAULT_DAYS ? undefined : String(d) }),
    [update],
  );
  const setFilter = useCallback(
    (f: TimelineFilter) => update({ type: f === 'all' ? undefined : f }),
    [update],
  );
  const setBudget = useCallback(
    (b: BudgetChoice) =>
      update({
        slo: b.slo,
        objective: b.objective ? String(b.objective) : undefined,
      }),
    [update],
  );
  return { days, setDays, filter, setFilter, budget, setBudget };
}
