import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  OnCallAnswer,
  OnCallPerson,
  OnCallShiftAnswer,
} from '@opsdeck/backstage-plugin-common';
import { Fragment } from 'react';
import { SafeLink } from './SafeLink';
import { formatInstant } from './format';
import { useWrapStyles } from './wrapStyles';

const useStyles = makeStyles(theme => ({
  // Links inside sentences are underlined, not told apart by colour alone (WCAG 1.4.1).
  root: { '& a': { textDecoration: 'underline' } },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.palette.text.secondary,
  },
  stale: { borderColor: theme.palette.warning.main },
}));

const PROVIDER_NAMES: Record<string, string> = {
  rotation: 'catalog rotation',
  pagerduty: 'PagerDuty',
  opsgenie: 'Opsgenie',
};

/** A person, linked to their catalog User when exactly one matched. */
export function PersonName({ person }: { person: OnCallPerson }) {
  return person.userRef ? (
    <EntityRefLink entityRef={person.userRef}>{person.name}</EntityRefLink>
  ) : (
    <>{person.name}</>
  );
}

/**
 * Who is on call per escalation level, until when, where the answer came from, how fresh it
 * is, open incidents, and who is next.
 *
 * @internal
 */
export function OnCallLevels(props: {
  oncall: OnCallAnswer;
  next?: OnCallShiftAnswer;
}) {
  const wrap = useWrapStyles();
  const classes = useStyles();
  const { oncall, next } = props;
  const provider = oncall.provider
    ? PROVIDER_NAMES[oncall.provider] ?? oncall.provider
    : undefined;
  return (
    <div data-testid="opsdeck-oncall" className={classes.root}>
      {oncall.levels.length === 0 ? (
        <Typography variant="body2" data-testid="opsdeck-oncall-error">
          {oncall.error?.message ?? 'Nobody is on call.'}
        </Typography>
      ) : (
        <List dense disablePadding>
          {oncall.levels.map(level => (
            <ListItem
              key={level.level}
              disableGutters
              data-testid={`opsdeck-oncall-level-${level.level}`}
            >
              <ListItemText
                className={wrap.wrap}
                primary={
                  <>
                    <strong>Level {level.level}: </strong>
                    {level.people.length === 0
                      ? 'nobody'
                      : level.people.map((p, i) => (
                          <Fragment key={`${p.name}-${i}`}>
                            {i > 0 && ', '}
                            <PersonName person={p} />
                          </Fragment>
                        ))}
                  </>
                }
                secondary={[
                  level.until
                    ? `until ${formatInstant(level.until)}`
                    : undefined,
                  level.scheduleName,
                  level.entityRef
                    ? `escalated to ${level.entityRef}`
                    : undefined,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              />
            </ListItem>
          ))}
        </List>
      )}
      {next && (
        <Typography variant="body2" data-testid="opsdeck-oncall-next">
          Next: <PersonName person={next.person} /> from{' '}
          {formatInstant(next.from)}
        </Typography>
      )}
      {oncall.incidents && oncall.incidents.length > 0 && (
        <Typography variant="body2" data-testid="opsdeck-oncall-incidents">
          {oncall.incidents.length} open incident
          {oncall.incidents.length === 1 ? '' : 's'}:{' '}
          {oncall.incidents.map((incident, i) => (
            <Fragment key={incident.id}>
              {i > 0 && ', '}
              <SafeLink url={incident.url}>{incident.title}</SafeLink>
            </Fragment>
          ))}
        </Typography>
      )}
      <Typography variant="caption" component="div" className={classes.meta}>
        {provider && (
          <span>
            from {provider}
            {oncall.source && oncall.source.origin !== 'own'
              ? ` via ${oncall.source.entityRef}`
              : ''}
          </span>
        )}
        <span data-testid="opsdeck-oncall-asof">
          as of {formatInstant(oncall.asOf)}
        </span>
        {oncall.stale && (
          <Tooltip title="The provider could not be reached; this is its last known answer.">
            <Chip
              size="small"
              variant="outlined"
              label="stale"
              className={classes.stale}
              data-testid="opsdeck-oncall-stale"
            />
          </Tooltip>
        )}
      </Typography>
    </div>
  );
}

/** The first shift at level 1 that starts after now. */
export function nextShift(
  items: readonly OnCallShiftAnswer[] | undefined,
  now = Date.now(),
): OnCallShiftAnswer | undefined {
  return (items ?? [])
    .filter(s => s.level === 1 && Date.parse(s.from) > now)
    .sort((a, b) => Date.parse(a.from) - Date.parse(b.from))[0];
}
