import { useRouteRef } from '@backstage/core-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  entityRouteParams,
  entityRouteRef,
  useAsyncEntity,
} from '@backstage/plugin-catalog-react';
import { ANNOTATIONS } from '@opsdeck/backstage-plugin-common';

/**
 * The element id of the Delivery tab's error budget card: `#opsdeck-error-budget` scrolls to it.
 *
 * @internal
 */
export const ERROR_BUDGET_ANCHOR = 'opsdeck-error-budget';

/** Whether a Component names its SLOs (`opsdeck.io/openslo`). */
export function hasSlo(entity: Entity | undefined): boolean {
  return Boolean(entity?.metadata.annotations?.[ANNOTATIONS.openslo]?.trim());
}

/**
 * The error budget card in the Delivery tab of the entity on the page, or undefined when the
 * entity has no SLO.
 *
 * @internal
 */
export function useErrorBudgetHref(
  deliveryPath = 'delivery',
): string | undefined {
  const { entity } = useAsyncEntity();
  const entityRoute = useRouteRef(entityRouteRef);
  if (!entity || !hasSlo(entity)) return undefined;
  return `${entityRoute(
    entityRouteParams(entity),
  )}/${deliveryPath}#${ERROR_BUDGET_ANCHOR}`;
}
