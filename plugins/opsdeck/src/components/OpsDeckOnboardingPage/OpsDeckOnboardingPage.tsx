import {
  Content,
  EmptyState,
  Header,
  InfoCard,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { OnCallShiftAnswer } from '@opsdeck/backstage-plugin-common';
import { Fragment, useMemo } from 'react';
import { usePlatformDomains } from '../../hooks/usePlatformDomains';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { useOnCallAnswers } from '../../hooks/useOnCallAnswers';
import { OnCallLevels } from '../shared/OnCallLevels';
import { ServicesTable, toServiceRows } from '../shared/ServicesTable';
import { ForAdmins } from '../shared/ForAdmins';
import { Code } from '../shared/WithCode';
import { TextWithRefs } from '../shared/TextWithRefs';
import {
  formatInstant,
  formatRelative,
  useOpsDeckFormat,
} from '../shared/format';
import { useWrapStyles } from '../shared/wrapStyles';
import { Checklist } from './Checklist';
import { useMyTeams } from './useMyTeams';

const DAY = 86_400_000;

type Team = { entityRef: string; title: string; members: string[] };

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
      for (const s of answers.flatMap(a => a?.items ?? [])) {
        if (s.person.userRef !== userRef || Date.parse(s.until) <= now)
          continue;
        const shiftKey = `${s.from}|${s.until}|${s.level}`;
        const known = byTime.get(shiftKey);
        const names = [known?.scheduleName, s.scheduleName].filter(Boolean);
        byTime.set(shiftKey, {
          ...s,
          ...(names.length
            ? { scheduleName: [...new Set(names)].join(', ') }
            : {}),
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

function MyShifts(props: { shifts?: OnCallShiftAnswer[]; loading: boolean }) {
  const wrap = useWrapStyles();
  const { t } = useOpsDeckFormat();
  if (props.loading) return <Progress />;
  const shifts = props.shifts ?? [];
  if (shifts.length === 0) {
    return (
      <Typography variant="body2" data-testid="opsdeck-my-shifts-none">
        {t('onboarding.noShifts')}
      </Typography>
    );
  }
  return (
    <List dense disablePadding data-testid="opsdeck-my-shifts">
      {shifts.slice(0, 5).map(s => (
        <ListItem key={`${s.from}-${s.level}`} disableGutters>
          <ListItemText
            className={wrap.wrap}
            primary={t('onboarding.shift', {
              from: formatInstant(s.from),
              until: formatInstant(s.until),
              relative: formatRelative(s.from),
            })}
            secondary={
              <>
                {t('onboarding.level', { level: String(s.level) })}
                {s.scheduleName && (
                  <>
                    {' · '}
                    <TextWithRefs text={s.scheduleName} />
                  </>
                )}
              </>
            }
          />
        </ListItem>
      ))}
    </List>
  );
}

/**
 * A new hire's first page (`/onboarding`): their checklist with progress, their teams and the
 * teams' services (owner, on-call, DORA tiers, coverage), when they are next on call, the
 * platform domains and golden paths relevant to their team, and people to ask.
 *
 * @public
 */
export function OpsDeckOnboardingPage() {
  const { t } = useOpsDeckFormat();
  const me = useMyTeams();
  const teams = me.value?.teams ?? [];
  const ops = useTeamsOperations(teams, me.value?.userRef ?? '');
  const domains = usePlatformDomains({ adoption: true });
  // One read of the checklist serves the checklist card and the domains it names.
  const progress = useOpsDeck(api => api.getOnboardingProgress(), []);
  const rows = useMemo(
    () => toServiceRows(ops.services.value ?? [], ops.oncall.value),
    [ops.services.value, ops.oncall.value],
  );
  const teamRefs = new Set(teams.map(team => team.entityRef));
  const relevant = (domains.value ?? []).filter(
    d =>
      d.goldenPaths.some(p =>
        p.adoption.teams.some(team => teamRefs.has(team)),
      ) || (progress.value?.steps ?? []).some(step => step.domain === d.id),
  );
  const name =
    (me.value?.user?.spec?.profile as { displayName?: string } | undefined)
      ?.displayName ?? me.value?.user?.metadata.name;

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
            <Grid item xs={12} md={6}>
              <Checklist loaded={progress} />
            </Grid>
            <Grid item xs={12} md={6}>
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
                <InfoCard
                  title={t('onboarding.yourTeam', { count: teams.length })}
                >
                  {teams.map(team => (
                    <div key={team.entityRef} data-testid="opsdeck-my-team">
                      <Typography variant="h6" component="h3">
                        <EntityRefLink entityRef={team.entityRef}>
                          {team.title}
                        </EntityRefLink>
                      </Typography>
                      <Typography variant="subtitle2" component="h4">
                        {t('onboarding.oncallNow')}
                      </Typography>
                      {ops.oncall.value?.get(team.entityRef) ? (
                        <OnCallLevels
                          oncall={ops.oncall.value.get(team.entityRef)!}
                          subject="team"
                        />
                      ) : (
                        <Progress />
                      )}
                      {team.members.length > 0 && (
                        <Typography
                          variant="body2"
                          data-testid="opsdeck-people-to-ask"
                        >
                          {t('onboarding.peopleToAsk', {
                            people: (
                              <>
                                {team.members.map((m, i) => (
                                  <Fragment key={m}>
                                    {i > 0 && ', '}
                                    <EntityRefLink entityRef={m} />
                                  </Fragment>
                                ))}
                              </>
                            ),
                          })}
                        </Typography>
                      )}
                    </div>
                  ))}
                  <Typography
                    variant="subtitle2"
                    component="h3"
                    style={{ marginTop: 16 }}
                  >
                    {t('onboarding.nextOnCall')}
                  </Typography>
                  <MyShifts
                    shifts={ops.myShifts.value}
                    loading={ops.myShifts.loading}
                  />
                </InfoCard>
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
              <InfoCard
                title={t('onboarding.domains')}
                subheader={t('onboarding.domainsSubheader')}
              >
                {domains.loading && <Progress />}
                {domains.error && <ResponseErrorPanel error={domains.error} />}
                {domains.value && relevant.length === 0 && (
                  <Typography variant="body2">
                    {t('onboarding.noDomains')}
                  </Typography>
                )}
                <Grid container spacing={2}>
                  {relevant.map(d => (
                    <Grid
                      item
                      xs={12}
                      md={6}
                      key={d.id}
                      data-testid={`opsdeck-my-domain-${d.id}`}
                    >
                      <Typography variant="subtitle1" component="h3">
                        {d.home ? (
                          <EntityRefLink entityRef={d.home.entityRef}>
                            {d.title}
                          </EntityRefLink>
                        ) : (
                          d.title
                        )}
                      </Typography>
                      {d.team && (
                        <Typography variant="body2">
                          {t('onboarding.ask', {
                            team: (
                              <EntityRefLink entityRef={d.team.entityRef}>
                                {d.team.title}
                              </EntityRefLink>
                            ),
                          })}
                        </Typography>
                      )}
                      {d.goldenPaths.map(p => (
                        <div key={p.entityRef} style={{ marginTop: 8 }}>
                          <Typography variant="body2">
                            <strong>{p.title}</strong>
                            {p.adoption.teams.some(team =>
                              teamRefs.has(team),
                            ) && t('onboarding.yourTeamUses')}
                          </Typography>
                          <LinkButton
                            to={p.path}
                            size="small"
                            variant="outlined"
                            color="primary"
                            aria-label={t('domain.createLabel', {
                              title: p.title,
                            })}
                          >
                            {t('domain.create')}
                          </LinkButton>
                        </div>
                      ))}
                    </Grid>
                  ))}
                </Grid>
              </InfoCard>
            </Grid>
          </Grid>
        )}
      </Content>
    </Page>
  );
}
