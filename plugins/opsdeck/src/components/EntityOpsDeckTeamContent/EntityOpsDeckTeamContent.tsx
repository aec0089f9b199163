import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Switch from '@material-ui/core/Switch';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { useOnCallAnswers } from '../../hooks/useOnCallAnswers';
import { DoraTiles } from '../DoraTiles';
import { BudgetStatesCard } from '../shared/BudgetStates';
import { CoverageSummary } from '../shared/CoverageSummary';
import { OnCallLevels, PersonName, nextShift } from '../shared/OnCallLevels';
import { ServicesTable, toServiceRows } from '../shared/ServicesTable';
import { WindowSelector } from '../shared/WindowSelector';
import { formatInstant, useOpsDeckFormat } from '../shared/format';
import { WindowDays, lastDays } from '../shared/windows';
import { useWrapStyles } from '../shared/wrapStyles';

/**
 * The Operations tab of a team (Group): the team's DORA rollup (optionally with its child
 * teams), its rotation and who is next, its services grouped by the state of their error
 * budgets, and a sortable, searchable table of its services with who is on call, DORA tiers and
 * coverage.
 *
 * @public
 */
export function EntityOpsDeckTeamContent() {
  const wrap = useWrapStyles();
  const { t } = useOpsDeckFormat();
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const groupRef = stringifyEntityRef(entity);
  const [includeChildren, setIncludeChildren] = useState(false);
  const [days, setDays] = useState<WindowDays>(90);
  const window = useMemo(() => lastDays(days), [days]);
  const query = { includeChildren, ...window };
  const deps = [groupRef, includeChildren, window.from, window.to];

  const dora = useOpsDeck(api => api.getGroupDora(ref, query), deps);
  const services = useOpsDeck(api => api.getGroupServices(ref, query), deps);
  const coverage = useOpsDeck(
    api => api.getGroupCoverage(ref, { includeChildren }),
    [groupRef, includeChildren],
  );
  const budgets = useOpsDeck(
    // async: an OpsDeckApi of an app that predates SLOs fails this card, not the tab
    async api => api.getGroupSlo(ref, { includeChildren }),
    [groupRef, includeChildren],
  );
  const oncall = useOpsDeck(api => api.getEntityOnCall(ref), [groupRef]);
  const shifts = useOpsDeck(api => api.getOnCallShifts(groupRef), [groupRef]);
  // Who is on call for each service.
  const serviceOnCall = useOnCallAnswers(
    (services.value?.services ?? []).map(s => s.entityRef),
  );
  const rows = useMemo(
    () => toServiceRows(services.value?.services ?? [], serviceOnCall.value),
    [services.value, serviceOnCall.value],
  );
  const upcoming = (shifts.value?.items ?? [])
    .filter(s => s.level === 1 && Date.parse(s.until) > Date.now())
    .slice(0, 5);

  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <InfoCard
          title={t('team.title')}
          subheader={t(
            includeChildren ? 'team.subheaderWithChildren' : 'team.subheader',
            {
              name: entity.metadata.title ?? entity.metadata.name,
              days: String(days),
            },
          )}
          action={
            <>
              <FormControlLabel
                control={
                  <Switch
                    checked={includeChildren}
                    onChange={e => setIncludeChildren(e.target.checked)}
                    color="primary"
                  />
                }
                label={t('team.includeChildren')}
              />
              <WindowSelector value={days} onChange={setDays} />
            </>
          }
        >
          {dora.loading && <Progress />}
          {dora.error && <ResponseErrorPanel error={dora.error} />}
          {dora.value && !dora.loading && (
            <>
              <Typography variant="body2" color="textSecondary" gutterBottom>
                {t('team.medians')}
              </Typography>
              <DoraTiles
                current={dora.value.current}
                previous={dora.value.previous}
                firstEventAt={dora.value.firstEventAt}
                columns={6}
              />
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={4}>
        <InfoCard title={t('team.oncall')}>
          {oncall.loading && <Progress />}
          {oncall.error && <ResponseErrorPanel error={oncall.error} />}
          {oncall.value && (
            <OnCallLevels
              oncall={oncall.value}
              next={nextShift(shifts.value?.items)}
              subject="team"
            />
          )}
          {upcoming.length > 0 && (
            <>
              <Typography
                variant="subtitle2"
                component="h3"
                style={{ marginTop: 12 }}
              >
                {t('team.upcoming')}
              </Typography>
              <List dense disablePadding data-testid="opsdeck-team-shifts">
                {upcoming.map(s => (
                  <ListItem key={`${s.from}-${s.person.name}`} disableGutters>
                    <ListItemText
                      className={wrap.wrap}
                      primary={<PersonName person={s.person} />}
                      secondary={`${formatInstant(s.from)} – ${formatInstant(
                        s.until,
                      )}`}
                    />
                  </ListItem>
                ))}
              </List>
            </>
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12} md={8}>
        <InfoCard title={t('team.coverage')}>
          {coverage.loading && <Progress />}
          {coverage.error && <ResponseErrorPanel error={coverage.error} />}
          {coverage.value && !coverage.loading && (
            <CoverageSummary coverage={coverage.value} />
          )}
        </InfoCard>
      </Grid>
      <Grid item xs={12}>
        <BudgetStatesCard {...budgets} />
      </Grid>
      <Grid item xs={12}>
        {services.error && <ResponseErrorPanel error={services.error} />}
        {services.loading && <Progress />}
        {services.value && !services.loading && (
          <ServicesTable
            title={t('team.services')}
            rows={rows}
            showOnCall
            benchmark={services.value.benchmark}
          />
        )}
      </Grid>
    </Grid>
  );
}
