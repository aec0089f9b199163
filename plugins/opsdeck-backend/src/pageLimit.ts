import { InputError } from '@backstage/errors';

/**
 * The `limit` of a paged list: 50 when left out, else a whole number from 1 to 200, or a 400
 * that names the parameter.
 *
 * @internal
 */
export function parsePageLimit(value: unknown): number {
  const limit = value === undefined ? 50 : Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) {
    throw new InputError('limit: must be a whole number from 1 to 200');
  }
  return limit;
}
