import {
  Content,
  EmptyState,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import { OnCallShiftAnswer } from '@opsdeck/backstage-plugin-common';
import { useMemo } from 'react';
import { usePlatformDomains } from '../../hooks/usePlatformDomains';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { useOnCallAnswers } from '../../hooks/useOnCallAnswers';
import { ServicesTable, toServiceRows } from '../shared/ServicesTable';
import { ForAdmins } from '../shared/ForAdmins';
import { Code } from '../shared/WithCode';
import { useOpsDeckFormat } from '../shared/format';
import { DomainsCard } from './DomainsCard';
import { Quests } from './Quests';
import { Team, TeamCard } from './TeamCard';
import { YourShift } from './YourShift';
import { useMyTeams } from './useMyTeams';
import { useTeamServices } from './useTeamServices';

const DAY = 86_400_000;

const useStyles = makeStyles(theme => ({
  shift: {
    padding: theme.spacing(2),
    borderLeft: `4px solid ${theme.palette.info.main}`,
    '& a': { textDecoration: 'underline' },
  },
}));

/** The teams' services, who is on call for each, and the caller's own upcoming shifts. */
function useTeamsOperations(teams: Team[], userRef: string) {
  const key = teams.map(t => t.entityRef).join(',');
  const groupServices = useOpsDeck(
    api =>
      Promise.all(
        teams.map(t => api.getGroupServices(parseEntityRef(t.entityRef))),
      ),
    [key],
  );
  const flat = useMemo(
    () => groupServices.value?.flatMap(a => a.services),
    [groupServices.value],
  );
  const services = {
    ...groupServices,
    value: flat,
    benchmark: groupServices.value?.[0]?.benchmark,
  };
  // The teams' and their services' on-call: who is on call now, and the caller's shifts.
  const refs = [
    ...teams.map(t => t.entityRef),
    ...(services.value ?? []).map(s => s.entityRef),
  ];
  const oncall = useOnCallAnswers(refs);
  // When am I next on call: the teams' and their services' schedules for 90 days.
  const myShifts = useOpsDeck(
    async api => {
      const now = Date.now();
      const window = {
        from: new Date(now).toISOString(),
        to: new Date(now + 90 * DAY).toISOString(),
      };
      const answers = await Promise.all(
        refs.map(ref =>
          api.getOnCallShifts(ref, window).catch(() => undefined),
        ),
      );
      // One row per shift, naming every schedule it is on (one rotation often covers several
      // services).
      const byTime = new Map<string, OnCallShiftAnswer>();
      const schedules = new Map<string, Set<string>>();
      for (const s of answers.flatMap(a => a?.items ?? [])) {
        if (s.person.userRef !== userRef || Date.parse(s.until) <= now)
          continue;
        const shiftKey = `${s.from}|${s.until}|${s.level}`;
        const names = schedules.get(shiftKey) ?? new Set<string>();
        if (s.scheduleName) names.add(s.scheduleName);
        schedules.set(shiftKey, names);
        byTime.set(shiftKey, {
          ...s,
          ...(names.size ? { scheduleName: [...names].join(', ') } : {}),
        });
      }
      return [...byTime.values()].sort(
        (a, b) => Date.parse(a.from) - Date.parse(b.from),
      );
    },
    [refs.join(','), userRef],
  );
  return { services, oncall, myShifts };
}

/**
 * A new hire's first page (`/onboarding`): their on-call shift now or next, the onboarding
 * quests in order (each with its reading, steps ticked by hand or by what really happened, and
 * links to the reader's own services' pipeline, dashboards, runbook and on-call), their teams
 * and the teams' services, the platform domains and golden paths relevant to them, and people
 * to ask.
 *
 * @public
 */
export function OpsDeckOnboardingPage() {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const me = useMyTeams();
  const teams = useMemo(() => me.value?.teams ?? [], [me.value]);
  const ops = useTeamsOperations(teams, me.value?.userRef ?? '');
  const teamServices = useTeamServices(teams.map(team => team.entityRef));
  const domains = usePlatformDomains({ adoption: true });
  // One read of the progress serves the quests, the shift above them and the domains they name.
  const progress = useOpsDeck(api => api.getOnboardingProgress(), []);
  const rows = useMemo(
    () => toServiceRows(ops.services.value ?? [], ops.oncall.value),
    [ops.services.value, ops.oncall.value],
  );
  const mine = useMemo(
    () => ({ teams, services: teamServices.value }),
    [teams, teamServices.value],
  );
  const teamRefs = new Set(teams.map(team => team.entityRef));
  const questDomains = new Set(
    [
      ...(progress.value?.quests ?? []).map(q => q.domain),
      ...(progress.value?.steps ?? []).map(s => s.domain),
    ].filter(Boolean),
  );
  const relevant = (domains.value ?? []).filter(
    d =>
      d.goldenPaths.some(p =>
        p.adoption.teams.some(team => teamRefs.has(team)),
      ) || questDomains.has(d.id),
  );
  const name =
    (me.value?.user?.spec?.profile as { displayName?: string } | undefined)
      ?.displayName ?? me.value?.user?.metadata.name;
  const shift = progress.value?.shift;

  return (
    <Page themeId="home">
      <Header
        title={
          name ? t('onboarding.welcomeName', { name }) : t('onboarding.welcome')
        }
        subtitle={t('onboarding.subtitle')}
      />
      <Content>
        {me.loading && <Progress />}
        {me.error && <ResponseErrorPanel error={me.error} />}
        {me.value && (
          <Grid container spacing={3}>
            {shift && (
              <Grid item xs={12}>
                <Paper variant="outlined" className={classes.shift}>
                  <YourShift shift={shift} variant="h6" />
                </Paper>
              </Grid>
            )}
            <Grid item xs={12} lg={7}>
              <Quests loaded={progress} mine={mine} />
            </Grid>
            <Grid item xs={12} lg={5}>
              {teams.length === 0 ? (
                <EmptyState
                  missing="data"
                  title={t('onboarding.noTeam')}
                  description={
                    <>
                      {t('onboarding.noTeamText')}
                      <ForAdmins testId="opsdeck-no-team-fix">
                        {t('onboarding.noTeamFix', {
                          user: <EntityRefLink entityRef={me.value.userRef} />,
                          members: <Code>spec.members</Code>,
                          memberOf: <Code>spec.memberOf</Code>,
                        })}
                      </ForAdmins>
                    </>
                  }
                />
              ) : (
                <TeamCard
                  teams={teams}
                  oncall={ops.oncall.value}
                  shifts={ops.myShifts}
                />
              )}
            </Grid>
            {teams.length > 0 && (
              <Grid item xs={12}>
                {ops.services.error && (
                  <ResponseErrorPanel error={ops.services.error} />
                )}
                {ops.services.loading && <Progress />}
                {ops.services.value && (
                  <ServicesTable
                    title={t('onboarding.services')}
                    rows={rows}
                    showOnCall
                    showOwner
                    benchmark={ops.services.benchmark}
                  />
                )}
              </Grid>
            )}
            <Grid item xs={12}>
              <DomainsCard
                domains={domains}
                relevant={relevant}
                teamRefs={teamRefs}
              />
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
}
