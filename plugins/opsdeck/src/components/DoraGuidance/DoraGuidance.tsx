import { Link } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  DORA_METRIC_NAMES,
  DoraMetricName,
  DoraMetrics,
  DoraTrend,
  compareWindows,
  needsGuidance,
} from '@opsdeck/backstage-plugin-common';
import {
  usePlatformDomains,
  useDoraGuidance,
} from '../../hooks/usePlatformDomains';
import { useErrorBudgetHref } from '../shared/BudgetLinks';
import { useOpsDeckFormat } from '../shared/format';

/** Metrics whose failures an error budget shows: what the deployments cost the users. */
const BUDGET_METRICS: DoraMetricName[] = ['changeFailRate', 'recoveryTime'];

const useStyles = makeStyles(theme => ({
  section: { marginTop: theme.spacing(2) },
  item: {
    borderLeft: `3px solid ${theme.palette.warning.main}`,
    paddingLeft: theme.spacing(1.5),
    marginTop: theme.spacing(1.5),
  },
  budget: { '& a': { textDecoration: 'underline' } },
  links: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1.5),
    '& a': { textDecoration: 'underline' },
  },
}));

/**
 * The headline of a flagged metric: its tier named as a tier with the value in brackets ("Change
 * fail rate is in the Low tier (34.0 %)"), and whether it got worse.
 */
function useHeadline() {
  const { t, formatMetricValue } = useOpsDeckFormat();
  return (name: DoraMetricName, metrics: DoraMetrics, trend: DoraTrend) => {
    const { tier, value } = metrics[name];
    const args = {
      metric: t(`metrics.${name}.title`),
      value: value === null ? '—' : formatMetricValue(name, value),
    };
    if (!tier) return t('guidance.worse', args);
    const inTier = { ...args, tier: t(`tiers.${tier}`) };
    return trend === 'worse'
      ? t('guidance.inTierAndWorse', inTier)
      : t('guidance.inTier', inTier);
  };
}

/**
 * "What it usually means": for each metric in the low or medium tier, or worse than in the
 * previous window, what it commonly signals, what tends to help, and the platform domains and
 * golden paths that address it; for change fail rate and recovery, a link to the service's error
 * budget chart (when it has an SLO). Elite and high metrics that did not get worse are not
 * explained.
 *
 * @internal
 */
export function DoraGuidance(props: {
  current: DoraMetrics;
  previous?: DoraMetrics;
  /** The scope's earliest event: windows are compared only when it precedes the previous one. */
  firstEventAt?: number | null;
  /**
   * Where the service's error budget chart is, when it is on this page (`?…#opsdeck-error-budget`);
   * by default the Delivery tab's. No link without an SLO.
   */
  budgetHref?: string;
  /** The Delivery tab's path under the entity page, when the app mounts it elsewhere. */
  deliveryPath?: string;
}) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const headline = useHeadline();
  const guidance = useDoraGuidance();
  const { value: domains } = usePlatformDomains();
  const deliveryBudget = useErrorBudgetHref(props.deliveryPath);
  const budgetHref = deliveryBudget && (props.budgetHref ?? deliveryBudget);
  const { current, previous } = props;
  const flagged = DORA_METRIC_NAMES.flatMap(name => {
    const metric = current[name];
    const { trend } = previous
      ? compareWindows(name, current, previous, props.firstEventAt ?? null)
      : { trend: 'not-enough-history' as const };
    return needsGuidance(metric.tier, trend) ? [{ name, trend }] : [];
  });
  if (flagged.length === 0) return null;
  return (
    <section
      aria-label={t('guidance.heading')}
      data-testid="opsdeck-guidance"
      className={classes.section}
    >
      <Typography variant="subtitle1" component="h3">
        {t('guidance.heading')}
      </Typography>
      {flagged.map(({ name, trend }) => {
        const g = guidance[name];
        const related = (domains ?? []).filter(d => g.domains.includes(d.id));
        return (
          <div
            key={name}
            className={classes.item}
            data-testid={`opsdeck-guidance-${name}`}
          >
            <Typography variant="body2">
              <strong>{headline(name, current, trend)}</strong> {g.meaning}{' '}
              {g.helps}
            </Typography>
            {budgetHref && BUDGET_METRICS.includes(name) && (
              <Typography
                variant="body2"
                className={classes.budget}
                data-testid="opsdeck-guidance-budget"
              >
                {t('sloViews.guidance.budget', {
                  link: (
                    <Link to={budgetHref}>
                      {t('sloViews.guidance.budgetLink')}
                    </Link>
                  ),
                })}
              </Typography>
            )}
            {related.length > 0 && (
              <div className={classes.links}>
                {related.map(d => (
                  <Typography variant="body2" key={d.id} component="span">
                    {d.home ? (
                      <EntityRefLink entityRef={d.home.entityRef}>
                        {d.title}
                      </EntityRefLink>
                    ) : (
                      d.title
                    )}
                    {d.goldenPaths.length > 0 && ': '}
                    {d.goldenPaths.map((p, i) => (
                      <span key={p.entityRef}>
                        {i > 0 && ', '}
                        <Link to={p.path}>{p.title}</Link>
                      </span>
                    ))}
                  </Typography>
                ))}
              </div>
            )}
          </div>
        );
      })}
    </section>
  );
}
