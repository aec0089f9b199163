import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SloDeploymentMark } from '@opsdeck/backstage-plugin-common';
import { SafeLink } from '../shared/SafeLink';
import {
  formatInstant,
  formatPercent,
  useOpsDeckFormat,
} from '../shared/format';
import { useWrapStyles } from '../shared/wrapStyles';
import { formatBurnRate, formatMultiple } from './budgetText';
import { statusLabel } from './EventRow';
import { Repository, commitUrl } from './sourceLinks';

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  item: { borderLeft: `3px solid ${theme.palette.error.main}` },
  links: { '& a': { textDecoration: 'underline' } },
}));

/**
 * "Deployments followed by a budget burn": each deployment whose next hour burned at least the
 * threshold, newest first, with its time, title and commit (linked only to http(s) pages), its
 * status, the burn rate of that hour and the share of the window's budget it spent.
 *
 * @internal
 */
export function BurnedDeployments(props: {
  deployments: SloDeploymentMark[];
  threshold: number;
  /** The SLO's window in words ("28 days"). */
  window: string;
  repo?: Repository;
}) {
  const classes = useStyles();
  const wrap = useWrapStyles();
  const { t } = useOpsDeckFormat();
  const title = t('sloViews.budget.burned.title');
  const threshold = formatMultiple(props.threshold);
  return (
    <section aria-label={title} className={classes.section}>
      <Typography variant="subtitle1" component="h3">
        {title}
      </Typography>
      {props.deployments.length === 0 ? (
        <Typography variant="body2" data-testid="opsdeck-budget-burned-empty">
          {t('sloViews.budget.burned.empty', {
            window: props.window,
            threshold,
          })}
        </Typography>
      ) : (
        <>
          <Typography variant="body2" color="textSecondary">
            {t('sloViews.budget.burned.explain', { threshold })}
          </Typography>
          <List dense>
            {props.deployments.map(d => {
              const commit = commitUrl(props.repo, d.sha);
              const sha = d.sha?.slice(0, 7);
              return (
                <ListItem
                  key={d.id}
                  className={classes.item}
                  data-testid="opsdeck-budget-burned-item"
                >
                  <ListItemText
                    className={`${wrap.wrap} ${classes.links}`}
                    primary={
                      <>
                        <SafeLink url={d.url}>{d.title ?? d.id}</SafeLink>
                        {sha && (
                          <>
                            {' · '}
                            {commit ? (
                              <SafeLink url={commit}>
                                <code>{sha}</code>
                              </SafeLink>
                            ) : (
                              <code>{sha}</code>
                            )}
                          </>
                        )}
                        {' · '}
                        {statusLabel(d.status, t)}
                      </>
                    }
                    secondary={[
                      formatInstant(d.at),
                      d.burnAfter === null
                        ? ''
                        : formatBurnRate(d.burnAfter, t),
                      d.budgetSpentAfter === null
                        ? ''
                        : t('sloViews.budget.burned.spent', {
                            share: formatPercent(d.budgetSpentAfter, t),
                          }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  />
                </ListItem>
              );
            })}
          </List>
        </>
      )}
    </section>
  );
}
