import Chip from '@material-ui/core/Chip';
import { makeStyles, Theme } from '@material-ui/core/styles';
import FiberManualRecordIcon from '@material-ui/icons/FiberManualRecord';
import { DoraMetricName, DoraTier } from '@opsdeck/backstage-plugin-common';
import { useOpsDeckFormat } from './format';
import { Term } from './glossary';
import { shippedBenchmarkSet, tierRangeText } from './tiers';

export const tierColor = (theme: Theme, tier: DoraTier): string =>
  ({
    elite: theme.palette.success.main,
    high: theme.palette.info.main,
    medium: theme.palette.warning.main,
    low: theme.palette.error.main,
  }[tier]);

// Outlined with the tier's colour on the border and dot, the label in the text colour: readable
// (WCAG contrast) in the light and the dark theme alike.
const useStyles = makeStyles(theme => ({
  chip: (props: { tier: DoraTier | null }) => ({
    cursor: 'inherit',
    ...(props.tier ? { borderColor: tierColor(theme, props.tier) } : {}),
  }),
  dot: (props: { tier: DoraTier | null }) =>
    props.tier ? { color: `${tierColor(theme, props.tier)} !important` } : {},
}));

/**
 * A DORA tier as a chip ("not benchmarked" or "no tier" without one). Hovering or focusing it
 * says what the tier means — for a metric under a benchmark set, which values it takes — and it
 * links to the glossary's tiers.
 */
export function TierChip(props: {
  tier: DoraTier | null;
  notBenchmarked?: boolean;
  /** The metric the tier is of: the definition then names its thresholds. */
  metric?: DoraMetricName;
  /** The benchmark set the tier comes from. */
  benchmark?: string;
  /** The value behind the tier, formatted, e.g. in a table without a value column. */
  value?: string;
}) {
  const { tier, notBenchmarked, metric, benchmark, value } = props;
  const classes = useStyles({ tier });
  const { t } = useOpsDeckFormat();
  const untiered = notBenchmarked ? 'notBenchmarked' : 'none';
  const set = shippedBenchmarkSet(benchmark);
  const range =
    tier && metric && set ? tierRangeText(set, metric, tier, t) : undefined;
  const definition = (
    <>
      {t(`tiers.definition.${tier ?? untiered}`)}
      {range && metric && (
        <>
          <br />
          {t('tiers.range', {
            metric: t(`metrics.${metric}.title`),
            range,
            benchmark: benchmark!,
          })}
        </>
      )}
      {value && (
        <>
          <br />
          {t('tiers.value', { value })}
        </>
      )}
    </>
  );
  return (
    <Term
      definition={definition}
      anchor={tier || !notBenchmarked ? 'tiers' : 'not-benchmarked'}
      benchmark={benchmark}
      plain
    >
      <Chip
        size="small"
        variant="outlined"
        className={classes.chip}
        icon={
          tier ? <FiberManualRecordIcon className={classes.dot} /> : undefined
        }
        label={tier ? t(`tiers.${tier}`) : t(`tiers.${untiered}`)}
        data-testid="opsdeck-tier"
      />
    </Term>
  );
}

/**
 * A metric's name with its one-line definition on hover and focus, linking to its glossary
 * entry.
 *
 * @internal
 */
export function MetricTerm(props: {
  name: DoraMetricName;
  /** The short name (tables, charts). */
  short?: boolean;
}) {
  const { t } = useOpsDeckFormat();
  const { name } = props;
  return (
    <Term definition={t(`metrics.${name}.definition`)} anchor={name}>
      {props.short ? t(`metrics.${name}.short`) : t(`metrics.${name}.title`)}
    </Term>
  );
}

/**
 * A benchmark set's name with what it is on hover and focus, linking to the glossary's sets.
 *
 * @internal
 */
export function BenchmarkTerm(props: { benchmark: string }) {
  const { t } = useOpsDeckFormat();
  const { benchmark } = props;
  const known = ['dora-2023', 'dora-2021', 'none', 'custom'] as const;
  const definition = (known as readonly string[]).includes(benchmark)
    ? t(`benchmarks.definition.${benchmark as (typeof known)[number]}`)
    : t('benchmarks.definition.unknown', { benchmark });
  return (
    <Term definition={definition} anchor="benchmark-sets" benchmark={benchmark}>
      {t('benchmarks.label', { benchmark })}
    </Term>
  );
}
