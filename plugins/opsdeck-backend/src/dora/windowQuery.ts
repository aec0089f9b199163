import { InputError } from '@backstage/errors';
import {
  DoraWindow,
  resolveDoraWindow,
} from '@opsdeck/backstage-plugin-common';

/** Longest window a caller may ask for. */
const MAX_WINDOW_DAYS = 731;

function parseInstant(
  value: string | undefined,
  field: string,
): number | undefined {
  if (value === undefined) return undefined;
  const t = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(t)) {
    throw new InputError(
      `${field}: must be an ISO 8601 date (2026-01-05) or date-time, or epoch ms`,
    );
  }
  return t;
}

/**
 * The window of a `?from=&to=` query (whole UTC days, default the last 90), or a 400 that names
 * the parameter: unparsable, empty, or longer than two years.
 *
 * @internal
 */
export function resolveWindowQuery(query: {
  from?: string;
  to?: string;
  now?: number;
}): DoraWindow & { days: number } {
  const from = parseInstant(query.from, 'from');
  const to = parseInstant(query.to, 'to');
  let window;
  try {
    window = resolveDoraWindow({ now: query.now ?? Date.now(), from, to });
  } catch (error) {
    throw new InputError(`from, to: ${(error as Error).message}`);
  }
  if (window.days > MAX_WINDOW_DAYS) {
    throw new InputError(
      `from, to: a window spans at most ${MAX_WINDOW_DAYS} days`,
    );
  }
  return window;
}
