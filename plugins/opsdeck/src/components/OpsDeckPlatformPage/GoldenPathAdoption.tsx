import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment } from 'react';
import { GoldenPath } from '../../hooks/usePlatformDomains';
import { formatNumber, formatUtcDay, useOpsDeckFormat } from '../shared/format';
import { Adopter, normalizeTemplateRef } from './useAdoption';

const useStyles = makeStyles(theme => ({
  root: { marginTop: theme.spacing(1) },
  teams: { margin: theme.spacing(0.5, 0), paddingLeft: theme.spacing(2.5) },
  bars: {
    display: 'inline-flex',
    alignItems: 'flex-end',
    gap: 2,
    height: 24,
    verticalAlign: 'middle',
    margin: theme.spacing(0, 1, 0, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  bar: {
    width: 6,
    minHeight: 1,
    background: theme.palette.primary.main,
  },
}));

/** Runs per week as a row of small bars, read out as numbers. */
function RunBars(props: { weeks: number[]; counts: number[] }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const max = Math.max(1, ...props.counts);
  return (
    <span
      className={classes.bars}
      role="img"
      aria-label={t('goldenPath.runsLabel', {
        counts: props.counts.map(c => formatNumber(c, 0)).join(', '),
      })}
      data-testid="opsdeck-golden-path-runs-bars"
    >
      {props.counts.map((count, i) => (
        <Tooltip
          key={props.weeks[i]}
          title={t('goldenPath.runsWeek', {
            week: formatUtcDay(props.weeks[i]),
            count,
          })}
        >
          <span
            className={classes.bar}
            style={{ height: `${Math.round((count / max) * 100)}%` }}
          />
        </Tooltip>
      ))}
    </span>
  );
}

/**
 * Who uses a golden path — the entities created from it, by owning team, linked — and how often
 * it ran: completed scaffolder runs per ISO week over the last 12 weeks.
 *
 * @internal
 */
export function GoldenPathAdoption(props: {
  path: GoldenPath;
  adopters?: Map<string, Adopter>;
  runs?: { weeks: number[]; counts: Map<string, number[]> };
}) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { path, adopters, runs } = props;

  const byTeam = new Map<string, string[]>();
  for (const ref of path.adoption.entities) {
    const owner = adopters?.get(ref)?.owner ?? '';
    byTeam.set(owner, [...(byTeam.get(owner) ?? []), ref]);
  }
  // biggest users first; entities nobody owns last
  const teams = [...byTeam.entries()].sort(
    ([a, x], [b, y]) => Number(!a) - Number(!b) || y.length - x.length,
  );
  const ref = normalizeTemplateRef(path.entityRef);
  const counts =
    runs && ((ref && runs.counts.get(ref)) || runs.weeks.map(() => 0));
  const total = counts?.reduce((a, b) => a + b, 0) ?? 0;

  return (
    <div className={classes.root} data-testid="opsdeck-golden-path-usage">
      {adopters && teams.length > 0 && (
        <>
          <Typography variant="subtitle2" component="h4">
            {t('goldenPath.byTeam')}
          </Typography>
          <ul className={classes.teams}>
            {teams.map(([team, refs]) => (
              <li key={team} data-testid="opsdeck-golden-path-team">
                <Typography variant="body2" component="span">
                  {team ? (
                    <EntityRefLink entityRef={team} />
                  ) : (
                    t('goldenPath.noTeam')
                  )}
                  {t('goldenPath.teamCount', {
                    count: refs.length,
                    entities: (
                      <>
                        {refs.map((entity, i) => (
                          <Fragment key={entity}>
                            {i > 0 && ', '}
                            <EntityRefLink entityRef={entity}>
                              {adopters.get(entity)?.title}
                            </EntityRefLink>
                          </Fragment>
                        ))}
                      </>
                    ),
                  })}
                </Typography>
              </li>
            ))}
          </ul>
        </>
      )}
      {counts && runs && (
        <Typography
          variant="body2"
          color="textSecondary"
          data-testid="opsdeck-golden-path-runs"
        >
          <RunBars weeks={runs.weeks} counts={counts} />
          {t('goldenPath.runs', { count: total })}
        </Typography>
      )}
    </div>
  );
}
