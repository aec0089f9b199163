import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import LinearProgress from '@material-ui/core/LinearProgress';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ReportProblemOutlinedIcon from '@material-ui/icons/ReportProblemOutlined';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  CoverageItem,
  INHERITED_EVIDENCE_PREFIX,
  RECEIVED_EVIDENCE,
} from '@opsdeck/backstage-plugin-common';
import { Fragment, ReactNode } from 'react';
import { useEntityCoverage } from '../../hooks/useEntityCoverage';
import { useWrapStyles } from '../shared/wrapStyles';
import { Code, WithCode } from '../shared/WithCode';
import { CardPlaceholder } from '../shared/CardStates';
import { COVERAGE_CARD } from '../shared/cardShapes';
import { formatNumber, useOpsDeckFormat } from '../shared/format';
import { integrationTitle } from '../shared/integrationTitle';

const useStyles = makeStyles(theme => ({
  present: { color: theme.palette.success.main },
  missing: { color: theme.palette.warning.main },
  bar: { height: 8, borderRadius: 4, marginBottom: theme.spacing(1) },
  // a link inside a sentence is underlined, not told apart by colour alone (WCAG 1.4.1)
  evidence: { '& a': { textDecoration: 'underline' } },
}));

/**
 * What made an integration present, in words: annotation keys in code style ("from
 * `pagerduty.com/service-id`"), on-call inherited "from <the System or Group>", linked by its
 * title, and "events received" for deployments or incidents that arrived whatever they named.
 */
function Evidence({ evidence }: { evidence: string[] }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const keys = evidence.filter(
    e => !e.startsWith(INHERITED_EVIDENCE_PREFIX) && e !== RECEIVED_EVIDENCE,
  );
  const parts: ReactNode[] = [];
  if (keys.length > 0) {
    parts.push(
      t('coverage.from', {
        evidence: (
          <>
            {keys.map((key, i) => (
              <Fragment key={key}>
                {i > 0 && ', '}
                <Code>{key}</Code>
              </Fragment>
            ))}
          </>
        ),
      }),
    );
  }
  for (const e of evidence) {
    if (e.startsWith(INHERITED_EVIDENCE_PREFIX)) {
      parts.push(
        t('coverageWords.from', {
          entity: (
            <EntityRefLink
              entityRef={e.slice(INHERITED_EVIDENCE_PREFIX.length)}
            />
          ),
        }),
      );
    } else if (e === RECEIVED_EVIDENCE) {
      parts.push(t('coverageWords.received'));
    }
  }
  return (
    <span className={classes.evidence} data-testid="opsdeck-coverage-evidence">
      {parts.map((part, i) => (
        <Fragment key={i}>
          {i > 0 && ', '}
          {part}
        </Fragment>
      ))}
    </span>
  );
}

function CoverageRow({ item }: { item: CoverageItem }) {
  const wrap = useWrapStyles();
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  return (
    <ListItem dense disableGutters data-testid={`opsdeck-coverage-${item.id}`}>
      <ListItemIcon>
        {item.present ? (
          <CheckCircleIcon
            className={classes.present}
            titleAccess={t('coverage.present')}
          />
        ) : (
          <ReportProblemOutlinedIcon
            className={classes.missing}
            titleAccess={t('coverage.missing')}
          />
        )}
      </ListItemIcon>
      <ListItemText
        className={wrap.wrap}
        primary={integrationTitle(item, t)}
        secondary={
          item.present ? (
            <Evidence evidence={item.evidence} />
          ) : (
            <WithCode text={item.fix ?? ''} />
          )
        }
      />
    </ListItem>
  );
}

/**
 * Which OpsDeck integrations this entity has, and the exact annotation to add for each one
 * it lacks.
 *
 * @public
 */
export function EntityOpsDeckCoverageCard() {
  const classes = useStyles();
  const { t, formatWholePercent } = useOpsDeckFormat();
  const { value, loading, error } = useEntityCoverage();

  if (loading) {
    return <CardPlaceholder shape={COVERAGE_CARD} />;
  }
  if (error || !value) {
    return (
      <InfoCard title={t('cards.coverage')}>
        <ResponseErrorPanel
          error={error ?? new Error(t('coverage.noAnswer'))}
        />
      </InfoCard>
    );
  }

  const applicable = value.items.filter(i => i.applicable);
  // Missing integrations first: they are what the reader can act on.
  const ordered = [...applicable].sort(
    (a, b) => Number(a.present) - Number(b.present),
  );
  return (
    <InfoCard
      title={t('cards.coverage')}
      subheader={t('coverage.subheader', {
        present: formatNumber(value.present, 0),
        applicable: formatNumber(value.applicable, 0),
      })}
    >
      <Typography
        variant="h4"
        component="p"
        data-testid="opsdeck-coverage-percent"
      >
        {formatWholePercent(value.percent)}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={value.percent ?? 0}
        className={classes.bar}
        aria-label={t('coverage.bar')}
      />
      <List dense>
        {ordered.map(item => (
          <CoverageRow key={item.id} item={item} />
        ))}
      </List>
    </InfoCard>
  );
}
