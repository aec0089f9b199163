import { getCompoundEntityRef } from '@backstage/catalog-model';
import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EntitySloAnswer,
  SloBudgetState,
  sloBudgetState,
} from '@opsdeck/backstage-plugin-common';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { Code } from '../shared/WithCode';
import { formatInstant, useOpsDeckFormat } from '../shared/format';
import { Term } from '../shared/glossary';
import { NoSlo } from './NoSlo';
import { CardPlaceholder } from '../shared/CardStates';
import { SLO_CARD } from '../shared/cardShapes';
import { SloSection } from './SloSection';
import { formatList, providerTitle } from './sloFormat';

const useStyles = makeStyles(theme => ({
  body: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(2),
  },
  note: {
    padding: theme.spacing(1, 1.5),
    borderLeft: `4px solid ${theme.palette.warning.main}`,
    background: theme.palette.background.default,
  },
  problems: {
    margin: theme.spacing(0.5, 0, 0),
    paddingLeft: theme.spacing(2.5),
  },
}));

const STATE_GLOSSARY_KEYS = {
  exhausted: 'exhausted',
  burning: 'burning',
  healthy: 'healthy',
  'no-data': 'noData',
  'no-slo': 'noSlo',
} as const;

/** The service's budget state in the subheader, defined on hover, linked to the glossary. */
function BudgetState(props: { state: SloBudgetState }) {
  const { t } = useOpsDeckFormat();
  return (
    <span data-testid="opsdeck-slo-state">
      <Term
        definition={t(
          `glossary.budgetStates.${STATE_GLOSSARY_KEYS[props.state]}`,
        )}
        anchor="budget-states"
      >
        {t(`sloCard.state.${props.state}`)}
      </Term>
    </span>
  );
}

/** The last known answer while the metrics system does not answer, and how old it is. */
function StaleNote(props: { answer: EntitySloAnswer }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const providers = [
    ...new Set(props.answer.slos.map(slo => providerTitle(slo.provider.type))),
  ];
  return (
    <Typography
      variant="body2"
      className={classes.note}
      data-testid="opsdeck-slo-stale"
    >
      {t('sloCard.stale', {
        instant: formatInstant(props.answer.asOf),
        provider:
          providers.length > 0
            ? formatList(providers)
            : t('sloCard.metricsSystem'),
      })}
    </Typography>
  );
}

/** The SLO files that could not be read, each with the field at fault. */
function Problems(props: { problems: EntitySloAnswer['problems'] }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  return (
    <div className={classes.note} data-testid="opsdeck-slo-problems">
      <Typography variant="body2">
        {t('sloCard.problems', { count: props.problems.length })}
      </Typography>
      <ul className={classes.problems}>
        {props.problems.map(problem => (
          <Typography
            variant="body2"
            component="li"
            key={`${problem.file}:${problem.error}`}
          >
            <Code>{problem.file}</Code>: {problem.error}
          </Typography>
        ))}
      </ul>
    </div>
  );
}

/**
 * The Component's SLOs from its OpenSLO files: per objective the SLI over the window, the error
 * budget left (as a bar and as time), the burn-rate status by the SRE Workbook's multi-window
 * rules, the burn rate per lookback, when the budget runs out, a link to the graph in the
 * metrics system, and the queries behind every number. Without the `opsdeck.io/openslo`
 * annotation it says what to add; files that cannot be read are listed with the field at fault;
 * an SLO its metrics system cannot answer for says why and whom to ask.
 *
 * @public
 */
export function EntityOpsDeckSloCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const { t } = useOpsDeckFormat();
  const { value, loading, error } = useOpsDeck(
    api => api.getEntitySlo(ref),
    [ref.kind, ref.namespace, ref.name],
  );

  if (loading) {
    return <CardPlaceholder shape={SLO_CARD} />;
  }
  if (error || !value) {
    return (
      <InfoCard title={t('cards.slo')}>
        <ResponseErrorPanel error={error ?? new Error(t('sloCard.noAnswer'))} />
      </InfoCard>
    );
  }

  const hasAnnotation = value.annotation !== undefined;
  return (
    <InfoCard
      title={t('cards.slo')}
      subheader={<BudgetState state={sloBudgetState(value)} />}
    >
      <div className={classes.body}>
        {value.stale && <StaleNote answer={value} />}
        {value.problems.length > 0 && <Problems problems={value.problems} />}
        {!hasAnnotation && <NoSlo service={ref.name} />}
        {hasAnnotation &&
          value.slos.length === 0 &&
          value.problems.length === 0 && (
            <Typography variant="body2" data-testid="opsdeck-slo-empty">
              {t('sloCard.noDocuments', {
                annotation: <Code>{value.annotation!}</Code>,
              })}
            </Typography>
          )}
        {value.slos.map(slo => (
          <SloSection key={`${slo.file}:${slo.name}`} slo={slo} />
        ))}
        {value.slos.length > 0 && (
          <Typography
            variant="caption"
            color="textSecondary"
            data-testid="opsdeck-slo-evaluated"
          >
            {t('sloCard.evaluatedAt', {
              instant: formatInstant(value.evaluatedAt),
            })}
          </Typography>
        )}
      </div>
    </InfoCard>
  );
}
