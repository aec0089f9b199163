import { parseEntityRef } from '@backstage/catalog-model';
import { OnCallAnswer } from '@opsdeck/backstage-plugin-common';
import { useOpsDeck } from './useOpsDeck';

/**
 * Who is on call for each of these entities, by entity ref; an entity whose answer failed is
 * left out (the table shows it as unknown). Providers answer through the backend's cache.
 *
 * @internal
 */
export function useOnCallAnswers(entityRefs: readonly string[]) {
  return useOpsDeck(
    async api => {
      const answers = await Promise.all(
        entityRefs.map(ref =>
          api
            .getEntityOnCall(parseEntityRef(ref))
            .then(a => [ref, a] as const)
            .catch(() => undefined),
        ),
      );
      return new Map(
        answers.filter((a): a is readonly [string, OnCallAnswer] => Boolean(a)),
      );
    },
    [entityRefs.join(',')],
  );
}
