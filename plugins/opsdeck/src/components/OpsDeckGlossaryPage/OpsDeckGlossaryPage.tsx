import { Content, Header, InfoCard, Page } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  DEFAULT_BENCHMARK_SET,
  DORA_METRIC_NAMES,
  MIN_VALUES_TO_COMPARE,
} from '@opsdeck/backstage-plugin-common';
import { ReactNode, useEffect, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { ForAdmins } from '../shared/ForAdmins';
import { WithCode } from '../shared/WithCode';
import { useOpsDeckFormat } from '../shared/format';
import { GlossaryAnchor } from '../shared/glossary';
import { TIERS, shippedBenchmarkSet, tierRangeText } from '../shared/tiers';

const SETS = ['dora-2023', 'dora-2021', 'none', 'custom'] as const;

/** The entries that are a term and a paragraph, by anchor, with their message group. */
const TERM_KEYS = {
  'recovery-vs-mttr': 'recoveryVsMttr',
  points: 'points',
  'not-benchmarked': 'notBenchmarked',
  'not-enough-history': 'notEnoughHistory',
  deployment: 'deployment',
  incident: 'incident',
  rework: 'rework',
  slo: 'slo',
  sli: 'sli',
  'error-budget': 'errorBudget',
} as const;
type PlainAnchor = keyof typeof TERM_KEYS;
type SetId = (typeof SETS)[number];

const useStyles = makeStyles(theme => ({
  entry: {
    marginBottom: theme.spacing(2.5),
    // leave room above an entry the page scrolled to
    scrollMarginTop: theme.spacing(10),
  },
  term: { marginBottom: theme.spacing(0.5) },
  table: {
    width: '100%',
    borderCollapse: 'collapse',
    margin: theme.spacing(1, 0),
    '& th, & td': {
      textAlign: 'left',
      padding: theme.spacing(0.5, 1),
      borderBottom: `1px solid ${theme.palette.divider}`,
      verticalAlign: 'top',
    },
  },
}));

function Entry(props: {
  id: GlossaryAnchor;
  term: ReactNode;
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <section
      id={props.id}
      className={classes.entry}
      aria-labelledby={`${props.id}-term`}
      data-testid={`opsdeck-glossary-${props.id}`}
    >
      <Typography
        variant="h6"
        component="h3"
        id={`${props.id}-term`}
        className={classes.term}
      >
        {props.term}
      </Typography>
      {props.children}
    </section>
  );
}

/** The thresholds of every metric under a set, one row per metric, one column per tier. */
function Thresholds(props: { set: SetId }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const set = shippedBenchmarkSet(props.set);
  if (!set) {
    return (
      <>
        <Typography variant="body2">
          {t('glossary.tiers.customUnknown')}
        </Typography>
        <ForAdmins>
          <WithCode text={t('glossary.tiers.customFix')} />
        </ForAdmins>
      </>
    );
  }
  if (Object.keys(set.metrics).length === 0) {
    return (
      <Typography variant="body2">{t('glossary.tiers.noTiers')}</Typography>
    );
  }
  return (
    <table
      className={classes.table}
      aria-label={t('glossary.tiers.thresholdsUnder', { benchmark: set.id })}
      data-testid="opsdeck-glossary-thresholds"
    >
      <thead>
        <tr>
          <th>{t('distribution.metric')}</th>
          {TIERS.map(tier => (
            <th key={tier}>{t(`tiers.${tier}`)}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {DORA_METRIC_NAMES.map(name => (
          <tr key={name} data-testid={`opsdeck-glossary-thresholds-${name}`}>
            <th scope="row">{t(`metrics.${name}.title`)}</th>
            {TIERS.map(tier => (
              <td key={tier}>
                {tierRangeText(set, name, tier, t) ??
                  t('glossary.tiers.notTiered')}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Tiers(props: { initial?: string }) {
  const { t } = useOpsDeckFormat();
  const initial = (SETS as readonly string[]).includes(props.initial ?? '')
    ? (props.initial as SetId)
    : (DEFAULT_BENCHMARK_SET.id as SetId);
  const [shown, setShown] = useState<SetId>(initial);
  useEffect(() => setShown(initial), [initial]);
  return (
    <Entry id="tiers" term={t('glossary.tiers.term')}>
      <Typography variant="body2" paragraph>
        {t('glossary.tiers.text')}
      </Typography>
      <Typography variant="body2" paragraph>
        {props.initial
          ? t('glossary.tiers.active', { benchmark: props.initial })
          : t('glossary.tiers.defaultSet', {
              benchmark: DEFAULT_BENCHMARK_SET.id,
            })}
      </Typography>
      <ButtonGroup
        size="small"
        color="primary"
        aria-label={t('glossary.tiers.showSet')}
      >
        {SETS.map(id => (
          <Button
            key={id}
            aria-pressed={shown === id}
            variant={shown === id ? 'contained' : 'outlined'}
            onClick={() => setShown(id)}
            style={{ textTransform: 'none' }}
          >
            {id}
          </Button>
        ))}
      </ButtonGroup>
      <Typography variant="subtitle2" component="h4" style={{ marginTop: 12 }}>
        {t('glossary.tiers.thresholdsUnder', { benchmark: shown })}
      </Typography>
      <Thresholds set={shown} />
    </Entry>
  );
}

/** The SLO words: objective, indicator, budget, burn rate and the budget states. */
function SloTerms(props: { plain: (id: PlainAnchor) => ReactNode }) {
  const { t } = useOpsDeckFormat();
  return (
    <InfoCard title={t('glossary.sloHeading')}>
      <Typography variant="body2" paragraph>
        {t('glossary.sloIntro')}
      </Typography>
      {(['slo', 'sli', 'error-budget'] as const).map(props.plain)}
      <Entry id="burn-rate" term={t('glossary.burnRate.term')}>
        <Typography variant="body2" paragraph>
          {t('glossary.burnRate.text')}
        </Typography>
        <Typography variant="body2">{t('glossary.burnRate.alerts')}</Typography>
      </Entry>
      <Entry id="budget-states" term={t('glossary.budgetStates.term')}>
        <Typography variant="body2">
          {t('glossary.budgetStates.text')}
        </Typography>
        <ul style={{ margin: 0, paddingLeft: 20 }}>
          {(
            ['exhausted', 'burning', 'healthy', 'noData', 'noSlo'] as const
          ).map(state => (
            <li key={state}>
              <Typography variant="body2">
                {t(`glossary.budgetStates.${state}`)}
              </Typography>
            </li>
          ))}
        </ul>
      </Entry>
    </InfoCard>
  );
}

/**
 * The glossary (`/opsdeck/glossary`): each DORA metric and MTTR in plain words, recovery time
 * against MTTR, the tiers with their thresholds under each benchmark set, the words the cards
 * use, and the SLO words (SLO, SLI, error budget, burn rate, budget states). Terms on the cards link to their entry here; `?benchmark=` picks the set whose
 * thresholds show first.
 *
 * @public
 */
export function OpsDeckGlossaryPage() {
  const { t } = useOpsDeckFormat();
  const { hash, search } = useLocation();
  const benchmark = new URLSearchParams(search).get('benchmark') ?? undefined;
  useEffect(() => {
    let id = '';
    try {
      id = decodeURIComponent(hash.replace(/^#/, ''));
    } catch {
      return; // a malformed #fragment scrolls nowhere
    }
    if (id) document.getElementById(id)?.scrollIntoView?.();
  }, [hash]);
  const plain = (id: PlainAnchor) => {
    const key = TERM_KEYS[id];
    return (
      <Entry key={id} id={id} term={t(`glossary.${key}.term`)}>
        <Typography variant="body2">
          {key === 'notEnoughHistory'
            ? t('glossary.notEnoughHistory.text', {
                min: String(MIN_VALUES_TO_COMPARE),
              })
            : t(`glossary.${key}.text`)}
        </Typography>
      </Entry>
    );
  };
  return (
    <Page themeId="tool">
      <Header title={t('glossary.title')} subtitle={t('glossary.subtitle')} />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <Typography variant="body1">{t('glossary.intro')}</Typography>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title={t('glossary.metricsHeading')}>
              {DORA_METRIC_NAMES.map(name => (
                <Entry key={name} id={name} term={t(`metrics.${name}.title`)}>
                  <Typography variant="body2" paragraph>
                    <strong>{t(`metrics.${name}.definition`)}</strong>
                  </Typography>
                  <Typography variant="body2">
                    {t(`glossary.metrics.${name}`)}
                  </Typography>
                </Entry>
              ))}
              {plain('recovery-vs-mttr')}
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={6}>
            <InfoCard title={t('glossary.termsHeading')}>
              <Tiers initial={benchmark} />
              <Entry
                id="benchmark-sets"
                term={t('glossary.benchmarkSets.term')}
              >
                <Typography variant="body2" paragraph>
                  {t('glossary.benchmarkSets.text')}
                </Typography>
                <ul style={{ margin: 0, paddingLeft: 20 }}>
                  {SETS.map(id => (
                    <li key={id}>
                      <Typography variant="body2">
                        {t(`glossary.benchmarkSets.${id}`)}
                      </Typography>
                    </li>
                  ))}
                </ul>
              </Entry>
              {(
                [
                  'points',
                  'not-benchmarked',
                  'not-enough-history',
                  'deployment',
                  'incident',
                  'rework',
                ] as const
              ).map(plain)}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <SloTerms plain={plain} />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
