import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { ReactNode } from 'react';
import { useOpsDeckFormat } from '../shared/format';

const useStyles = makeStyles(theme => ({
  details: {
    marginTop: theme.spacing(1),
    color: theme.palette.text.secondary,
    '& > summary': {
      cursor: 'pointer',
      width: 'fit-content',
      ...theme.typography.caption,
    },
  },
  list: { margin: theme.spacing(0.5, 0, 0, 2) },
  label: { ...theme.typography.caption, marginTop: theme.spacing(0.5) },
  query: {
    display: 'block',
    margin: 0,
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    color: theme.palette.text.primary,
  },
  hint: {
    textDecoration: 'underline dotted',
    textUnderlineOffset: '3px',
    cursor: 'help',
  },
  tooltipQuery: {
    display: 'block',
    fontFamily: 'monospace',
    overflowWrap: 'anywhere',
    marginTop: 2,
  },
}));

/** The queries behind one number, and what that number is. */
export interface QueryGroup {
  label: string;
  queries: string[];
}

/**
 * A number that shows on hover and keyboard focus what it is and the queries behind it, in
 * monospace.
 */
export function QueryHint(props: {
  title: ReactNode;
  queries: string[];
  children: ReactNode;
}) {
  const classes = useStyles();
  return (
    <Tooltip
      arrow
      title={
        <>
          {props.title}
          {props.queries.map((query, i) => (
            <code key={i} className={classes.tooltipQuery}>
              {query}
            </code>
          ))}
        </>
      }
    >
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- focus shows the queries */}
      <span tabIndex={0} className={classes.hint}>
        {props.children}
      </span>
    </Tooltip>
  );
}

/**
 * Every query behind an objective's numbers, folded away: what each number is over, then its
 * queries in monospace, to copy into the metrics system.
 */
export function Queries(props: { groups: QueryGroup[] }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  return (
    <details className={classes.details} data-testid="opsdeck-slo-queries">
      <summary>{t('sloCard.queries.summary')}</summary>
      <dl className={classes.list}>
        {props.groups.map(group => (
          <div key={group.label}>
            <dt className={classes.label}>{group.label}</dt>
            <dd style={{ margin: 0 }}>
              {group.queries.map((query, i) => (
                <code key={i} className={classes.query}>
                  {query}
                </code>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </details>
  );
}
