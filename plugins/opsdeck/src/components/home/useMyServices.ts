import { parseEntityRef } from '@backstage/catalog-model';
import { useMemo } from 'react';
import { useOnCallAnswers } from '../../hooks/useOnCallAnswers';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { useMyTeams } from '../OpsDeckOnboardingPage/useMyTeams';

/**
 * The signed-in reader's teams, the services they own (`GET /groups/{ns}/{name}/services`, with
 * DORA headlines and coverage) and who is on call for each service now, with its open incidents.
 *
 * @internal
 */
export function useMyServices() {
  const me = useMyTeams();
  const teams = useMemo(() => me.value?.teams ?? [], [me.value]);
  const groups = useOpsDeck(
    api =>
      Promise.all(
        teams.map(team => api.getGroupServices(parseEntityRef(team.entityRef))),
      ),
    [teams.map(team => team.entityRef).join(',')],
  );
  const services = useMemo(() => {
    const byRef = new Map(
      (groups.value ?? [])
        .flatMap(answer => answer.services)
        .map(s => [s.entityRef, s] as const),
    );
    return [...byRef.values()].sort((a, b) =>
      (a.title ?? a.entityRef).localeCompare(b.title ?? b.entityRef),
    );
  }, [groups.value]);
  const oncall = useOnCallAnswers(services.map(s => s.entityRef));
  return {
    me,
    teams,
    loading: me.loading || groups.loading,
    error: me.error ?? groups.error,
    services,
    days: groups.value?.[0]?.window.days,
    benchmark: groups.value?.[0]?.benchmark,
    oncall,
  };
}
