import { Link } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { Fragment, useCallback } from 'react';

/**
 * The address of a team's Operations tab (its services, on-call rota and shifts).
 *
 * @internal
 */
export function useOperationsHref() {
  const entityRoute = useRouteRef(entityRouteRef);
  return useCallback(
    (teamRef: string) =>
      `${entityRoute(parseEntityRef(teamRef)).replace(/\/$/, '')}/operations`,
    [entityRoute],
  );
}

/**
 * Links to the teams' Operations tabs, each named by `label`.
 *
 * @internal
 */
export function TeamOperationsLinks(props: {
  teams: Array<{ entityRef: string; title: string }>;
  label: (team: string) => string;
}) {
  const href = useOperationsHref();
  return (
    <>
      {props.teams.map((team, i) => (
        <Fragment key={team.entityRef}>
          {i > 0 && ' · '}
          <Link to={href(team.entityRef)}>{props.label(team.title)}</Link>
        </Fragment>
      ))}
    </>
  );
}
