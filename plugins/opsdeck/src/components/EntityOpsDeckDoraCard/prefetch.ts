import { CompoundEntityRef } from '@backstage/catalog-model';
import { EntityDora } from '@opsdeck/backstage-plugin-common';
import { OpsDeckApi } from '../../api/OpsDeckApi';

/** A prefetched answer is used only this soon after it was asked for. */
const FRESH_MS = 10_000;

const pending = new Map<string, { at: number; answer: Promise<EntityDora> }>();
const keyOf = ({ kind, namespace, name }: CompoundEntityRef) =>
  `${kind}:${namespace}/${name}`.toLocaleLowerCase('en-US');

/** Starts loading the entity's default-window DORA answer before the card has rendered. */
export function prefetchEntityDora(api: OpsDeckApi, ref: CompoundEntityRef) {
  const key = keyOf(ref);
  const entry = pending.get(key);
  if (entry && Date.now() - entry.at < FRESH_MS) return;
  const answer = api.getEntityDora(ref);
  answer.catch(() => pending.delete(key)); // the card asks again and shows the error
  pending.set(key, { at: Date.now(), answer });
}

/** The prefetched answer (once), or a new request. */
export function takeEntityDora(
  api: OpsDeckApi,
  ref: CompoundEntityRef,
): Promise<EntityDora> {
  const key = keyOf(ref);
  const entry = pending.get(key);
  pending.delete(key);
  return entry && Date.now() - entry.at < FRESH_MS
    ? entry.answer
    : api.getEntityDora(ref);
}
