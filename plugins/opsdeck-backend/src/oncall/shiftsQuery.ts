import { CompoundEntityRef } from '@backstage/catalog-model';
import { parseEntityRefInput } from '../catalog/entityRefInput';
import { InputError } from '@backstage/errors';

const DAY = 86_400_000;

/** `entityRef` of `GET /oncall/shifts`, or a 400 naming it. @internal */
export function parseShiftsRef(value: string | undefined): CompoundEntityRef {
  return parseEntityRefInput(value);
}

/** `from`/`to` of `GET /oncall/shifts` (default now and 28 days on), at most a year apart. @internal */
export function parseShiftsWindow(
  from: string | undefined,
  to: string | undefined,
  now = Date.now(),
): { from: number; to: number } {
  const read = (name: string, value: string | undefined, fallback: number) => {
    if (value === undefined) return fallback;
    const ms = Date.parse(value);
    if (Number.isNaN(ms)) {
      throw new InputError(`${name}: not an ISO 8601 date or date-time`);
    }
    return ms;
  };
  const start = read('from', from, now);
  const end = read('to', to, start + 28 * DAY);
  if (end <= start || end - start > 366 * DAY) {
    throw new InputError('to: must be after from and at most a year later');
  }
  return { from: start, to: end };
}
