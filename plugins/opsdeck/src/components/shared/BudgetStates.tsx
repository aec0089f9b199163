import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ErrorIcon from '@material-ui/icons/Error';
import HelpOutlineIcon from '@material-ui/icons/HelpOutline';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import WhatshotIcon from '@material-ui/icons/Whatshot';
import {
  ScopeSloAnswer,
  SloBudgetState,
} from '@opsdeck/backstage-plugin-common';
import { Fragment, useState } from 'react';
import { BudgetStale } from './BudgetStale';
import { formatNumber, useOpsDeckFormat } from './format';
import { useGlossaryHref } from './glossary';

/** The states in the order they ask for attention; never a ranking of the services in them. */
const STATES: SloBudgetState[] = [
  'exhausted',
  'burning',
  'healthy',
  'no-data',
  'no-slo',
];

/** States whose services are listed with their worst objective; the others by name only. */
const WITH_OBJECTIVE: ReadonlySet<SloBudgetState> = new Set([
  'exhausted',
  'burning',
  'healthy',
]);

/** Names shown of a state listed by name only, before "Show all". */
const FIRST_NAMES = 12;

const ICONS: Record<SloBudgetState, typeof ErrorIcon> = {
  exhausted: ErrorIcon,
  burning: WhatshotIcon,
  healthy: CheckCircleIcon,
  'no-data': HelpOutlineIcon,
  'no-slo': RemoveCircleOutlineIcon,
};

const useStyles = makeStyles(theme => ({
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
    gap: theme.spacing(2),
  },
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.75),
  },
  exhausted: { color: theme.palette.error.main },
  burning: { color: theme.palette.warning.main },
  healthy: { color: theme.palette.success.main },
  muted: { color: theme.palette.text.disabled },
  list: {
    listStyle: 'none',
    margin: theme.spacing(0.5, 0, 0),
    padding: 0,
    '& > li': { marginTop: theme.spacing(0.5) },
  },
  names: { marginTop: theme.spacing(0.5) },
}));

type Item = ScopeSloAnswer['items'][number] & { name: string };

function iconClass(
  classes: ReturnType<typeof useStyles>,
  state: SloBudgetState,
) {
  if (state === 'exhausted' || state === 'burning' || state === 'healthy') {
    return classes[state];
  }
  return classes.muted;
}

function nameOf(item: ScopeSloAnswer['items'][number]): string {
  if (item.title) return item.title;
  try {
    return parseEntityRef(item.entityRef).name;
  } catch {
    return item.entityRef;
  }
}

/** The objective that decided a service's state, and what is left of its budget. */
function Worst(props: { item: Item }) {
  const { t, formatPercent } = useOpsDeckFormat();
  const { worst, state } = props.item;
  if (!worst) return null;
  const args = { objective: worst.objective, slo: worst.slo };
  const burn =
    state === 'burning' &&
    (worst.status === 'page' || worst.status === 'ticket')
      ? t(`sloViews.states.burn.${worst.status}`)
      : undefined;
  return (
    <Typography variant="caption" component="div" color="textSecondary">
      {worst.remaining === null
        ? t('sloViews.states.worstNoData', args)
        : t('sloViews.states.worst', {
            ...args,
            // "41.0 %" stays on one line
            remaining: (
              <span style={{ whiteSpace: 'nowrap' }}>
                {formatPercent(worst.remaining)}
              </span>
            ),
          })}
      {burn && ` · ${burn}`}
    </Typography>
  );
}

function StateSection(props: { state: SloBudgetState; items: Item[] }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const [all, setAll] = useState(false);
  const { state, items } = props;
  const Icon = ICONS[state];
  const label = t(`sloViews.states.${state}`);
  const shown = all ? items : items.slice(0, FIRST_NAMES);
  return (
    <section
      aria-label={t('sloViews.states.label', {
        state: label,
        number: formatNumber(items.length, 0),
      })}
      data-testid={`opsdeck-budget-state-${state}`}
    >
      <Typography
        variant="subtitle2"
        component="h3"
        className={classes.heading}
      >
        <Icon fontSize="small" className={iconClass(classes, state)} />
        {label}
        <span data-testid="opsdeck-budget-state-count">
          {formatNumber(items.length, 0)}
        </span>
      </Typography>
      <Typography variant="caption" color="textSecondary" component="p">
        {t(`sloViews.states.hints.${state}`)}
      </Typography>
      {items.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {t('sloViews.states.none')}
        </Typography>
      )}
      {items.length > 0 && WITH_OBJECTIVE.has(state) && (
        <ul className={classes.list}>
          {items.map(item => (
            <li key={item.entityRef}>
              <Typography variant="body2" component="div">
                <EntityRefLink entityRef={item.entityRef}>
                  {item.name}
                </EntityRefLink>
              </Typography>
              <Worst item={item} />
            </li>
          ))}
        </ul>
      )}
      {items.length > 0 && !WITH_OBJECTIVE.has(state) && (
        <Typography variant="body2" className={classes.names}>
          {shown.map((item, i) => (
            <Fragment key={item.entityRef}>
              {i > 0 && ', '}
              <EntityRefLink entityRef={item.entityRef}>
                {item.name}
              </EntityRefLink>
            </Fragment>
          ))}
          {shown.length < items.length && (
            <>
              {' '}
              <Button size="small" color="primary" onClick={() => setAll(true)}>
                {t('sloViews.states.showAll', {
                  number: formatNumber(items.length, 0),
                })}
              </Button>
            </>
          )}
        </Typography>
      )}
    </section>
  );
}

/**
 * A scope's services grouped by the state of their error budgets — exhausted, burning, healthy,
 * no data, no SLO — with each state's count, and alphabetically within a state: where to look,
 * not a leaderboard. The first three name each service's worst objective and its budget left.
 *
 * @internal
 */
export function BudgetStates(props: { answer: ScopeSloAnswer }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const collator = new Intl.Collator(undefined, { sensitivity: 'base' });
  const items: Item[] = props.answer.items
    .map(item => ({ ...item, name: nameOf(item) }))
    .sort(
      (a, b) =>
        collator.compare(a.name, b.name) ||
        collator.compare(a.entityRef, b.entityRef),
    );
  if (items.length === 0) {
    return (
      <Typography variant="body2" data-testid="opsdeck-budget-states-empty">
        {t('sloViews.states.empty')}
      </Typography>
    );
  }
  return (
    <div className={classes.grid} data-testid="opsdeck-budget-states">
      {STATES.map(state => (
        <StateSection
          key={state}
          state={state}
          items={items.filter(i => i.state === state)}
        />
      ))}
    </div>
  );
}

/**
 * The "Error budgets" card of the team Operations tab and the org page: loading, error and
 * stale states as the other cards, then {@link BudgetStates}.
 *
 * @internal
 */
export function BudgetStatesCard(props: {
  loading: boolean;
  error?: Error;
  value?: ScopeSloAnswer;
}) {
  const { t } = useOpsDeckFormat();
  const glossary = useGlossaryHref()('budget-states');
  const { loading, error, value } = props;
  return (
    <InfoCard
      title={t('sloViews.states.title')}
      subheader={t('sloViews.states.subheader')}
    >
      {loading && <Progress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && !loading && (
        <>
          {value.stale && <BudgetStale />}
          <BudgetStates answer={value} />
          {glossary && (
            <Typography
              variant="caption"
              component="p"
              style={{ marginTop: 8 }}
            >
              <Link to={glossary}>{t('sloViews.states.glossary')}</Link>
            </Typography>
          )}
        </>
      )}
    </InfoCard>
  );
}
