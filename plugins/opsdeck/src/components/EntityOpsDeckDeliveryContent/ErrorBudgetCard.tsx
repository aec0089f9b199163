import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { Entity, getCompoundEntityRef } from '@backstage/catalog-model';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  ANNOTATIONS,
  EntitySloAnswer,
  SloHistoryAnswer,
} from '@opsdeck/backstage-plugin-common';
import { useEffect, useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { OpsDeckT } from '../../translation';
import { ERROR_BUDGET_ANCHOR, hasSlo } from '../shared/BudgetLinks';
import { BudgetStale } from '../shared/BudgetStale';
import { ForAdmins } from '../shared/ForAdmins';
import { Code } from '../shared/WithCode';
import { useGlossaryHref } from '../shared/glossary';
import { useOpsDeckFormat } from '../shared/format';
import { BudgetChart } from './BudgetChart';
import { BurnedDeployments } from './BurnedDeployments';
import { budgetChartData, burnedDeployments } from './budgetChartData';
import { formatSloWindow, formatTarget } from './budgetText';
import { Repository } from './sourceLinks';
import { BudgetChoice } from './useDeliveryParams';

/** One SLO objective to chart. */
interface BudgetOption {
  key: string;
  slo: string;
  /** Undefined for an SLO that could not be evaluated (it lists no objectives). */
  objective?: number;
  label: string;
  windowMs: number;
}

function budgetOptions(answer: EntitySloAnswer, t: OpsDeckT): BudgetOption[] {
  return answer.slos.flatMap((s): BudgetOption[] => {
    const slo = s.displayName ?? s.name;
    if (s.objectives.length === 0) {
      return [{ key: s.name, slo: s.name, label: slo, windowMs: s.windowMs }];
    }
    return s.objectives.map((o, i) => ({
      key: `${s.name}#${i}`,
      slo: s.name,
      objective: i,
      label: t('sloViews.budget.option', {
        slo,
        objective: o.displayName,
        target: formatTarget(o.target, t),
      }),
      windowMs: s.windowMs,
    }));
  });
}

function NoSlo() {
  const { t } = useOpsDeckFormat();
  const glossary = useGlossaryHref()('error-budget');
  return (
    <Typography variant="body2" data-testid="opsdeck-budget-no-slo">
      {t('sloViews.budget.noSlo', {
        annotation: <Code>{ANNOTATIONS.openslo}</Code>,
      })}{' '}
      {glossary && <Link to={glossary}>{t('sloViews.whatIsBudget')}</Link>}
    </Typography>
  );
}

/** What the history answer says when there is nothing to draw, in words, the provider's aside. */
function HistoryError(props: {
  error: NonNullable<SloHistoryAnswer['error']>;
}) {
  const { t } = useOpsDeckFormat();
  const known = [
    'no-provider',
    'no-data',
    'provider-error',
    'no-chart',
  ] as const;
  const reason = (known as readonly string[]).includes(props.error.reason)
    ? (props.error.reason as (typeof known)[number])
    : 'other';
  return (
    <div data-testid="opsdeck-budget-error">
      <Typography variant="body2">
        {t(`sloViews.budget.errors.${reason}`)}
      </Typography>
      <ForAdmins>
        {t('sloViews.budget.errorDetail', { message: props.error.message })}
      </ForAdmins>
    </div>
  );
}

function History(props: {
  answer: SloHistoryAnswer;
  window: string;
  repo?: Repository;
}) {
  const { t } = useOpsDeckFormat();
  const { answer } = props;
  const data = useMemo(() => budgetChartData(answer), [answer]);
  const burned = useMemo(() => burnedDeployments(answer), [answer]);
  // a provider that answered nothing measured no hour after either: no list saying "none"
  const measured =
    !answer.error || answer.deployments.some(d => d.burnAfter !== null);
  return (
    <>
      {answer.error && <HistoryError error={answer.error} />}
      {data && (
        <BudgetChart
          data={data}
          window={props.window}
          deployments={answer.deployments.length}
          burned={burned.length}
          incidents={answer.incidents.length}
        />
      )}
      {measured && (
        <BurnedDeployments
          deployments={burned}
          threshold={answer.burnAfterThreshold}
          window={props.window}
          repo={props.repo}
        />
      )}
      {answer.queries.length > 0 && (
        <ForAdmins testId="opsdeck-budget-queries">
          {t('sloViews.budget.queries')}
          {answer.queries.map(q => (
            <div key={q}>
              <Code>{q}</Code>
            </div>
          ))}
        </ForAdmins>
      )}
    </>
  );
}

/** The chosen objective's history, with the selector when there is more than one to choose. */
function Budget(props: {
  entity: Entity;
  repo?: Repository;
  choice: BudgetChoice;
  onChoose: (choice: BudgetChoice) => void;
}) {
  const { t } = useOpsDeckFormat();
  const ref = getCompoundEntityRef(props.entity);
  const deps = [ref.kind, ref.namespace, ref.name];
  const slos = useOpsDeck(async api => api.getEntitySlo(ref), deps);
  const options = useMemo(
    () => (slos.value ? budgetOptions(slos.value, t) : []),
    [slos.value, t],
  );
  const chosen =
    options.find(
      o =>
        o.slo === (props.choice.slo ?? options[0]?.slo) &&
        (o.objective ?? 0) === props.choice.objective,
    ) ?? options[0];
  const history = useOpsDeck(
    async api =>
      chosen
        ? api.getEntitySloHistory(ref, {
            slo: chosen.slo,
            ...(chosen.objective ? { objective: chosen.objective } : {}),
          })
        : undefined,
    [...deps, chosen?.key],
  );
  useScrollWhenAsked(!slos.loading && !history.loading);
  const window = chosen ? formatSloWindow(chosen.windowMs, t) : undefined;

  let body;
  if (slos.loading) body = <Progress />;
  else if (slos.error) body = <ResponseErrorPanel error={slos.error} />;
  else if (!slos.value?.annotation) body = <NoSlo />;
  else if (!chosen) body = <Unreadable answer={slos.value} />;
  else if (history.loading) body = <Progress />;
  else if (history.error) body = <ResponseErrorPanel error={history.error} />;
  else if (history.value) {
    body = (
      <History answer={history.value} window={window!} repo={props.repo} />
    );
  }
  const stale = Boolean(slos.value?.stale || history.value?.stale);
  return (
    <InfoCard
      title={t('sloViews.budget.title')}
      subheader={window && t('sloViews.budget.subheader', { window })}
      action={
        options.length > 1 && chosen ? (
          <TextField
            select
            id="opsdeck-budget-selector"
            size="small"
            variant="outlined"
            label={t('sloViews.budget.selector')}
            value={chosen.key}
            onChange={e => {
              const next = options.find(o => o.key === e.target.value);
              if (next) {
                props.onChoose({
                  slo: next.slo,
                  objective: next.objective ?? 0,
                });
              }
            }}
            SelectProps={{ native: true }}
          >
            {options.map(o => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </TextField>
        ) : undefined
      }
    >
      {stale && <BudgetStale />}
      {body}
    </InfoCard>
  );
}

/** The annotation names files, but none could be read as an SLO. */
function Unreadable(props: { answer: EntitySloAnswer }) {
  const { t } = useOpsDeckFormat();
  return (
    <div data-testid="opsdeck-budget-unreadable">
      <Typography variant="body2">
        {t('sloViews.budget.nothingToChart', {
          annotation: <Code>{ANNOTATIONS.openslo}</Code>,
        })}
      </Typography>
      {props.answer.problems.length > 0 && (
        <ForAdmins>
          {props.answer.problems.map(p => (
            <div key={p.file}>
              {t('sloViews.budget.problem', { file: p.file, error: p.error })}
            </div>
          ))}
        </ForAdmins>
      )}
    </div>
  );
}

/** Scrolls the card into view once loaded when the URL's fragment names it. */
function useScrollWhenAsked(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (ready && hash === `#${ERROR_BUDGET_ANCHOR}`) {
      document.getElementById(ERROR_BUDGET_ANCHOR)?.scrollIntoView?.();
    }
  }, [ready, hash]);
}

/**
 * The Delivery tab's "Error budget" card: one objective's budget left over its SLO's window with
 * OpsDeck's own production deployments and incidents marked, and the deployments whose next hour
 * burned the budget. A service without the `opsdeck.io/openslo` annotation gets one line saying
 * so, without asking the backend.
 *
 * @internal
 */
export function ErrorBudgetCard(props: {
  entity: Entity;
  repo?: Repository;
  choice: BudgetChoice;
  onChoose: (choice: BudgetChoice) => void;
}) {
  const { t } = useOpsDeckFormat();
  return (
    <div id={ERROR_BUDGET_ANCHOR}>
      {hasSlo(props.entity) ? (
        <Budget {...props} />
      ) : (
        <InfoCard title={t('sloViews.budget.title')}>
          <NoSlo />
        </InfoCard>
      )}
    </div>
  );
}
