import { Link } from '@backstage/core-components';
import { RouteRef, useRouteRef } from '@backstage/core-plugin-api';
import Tooltip from '@material-ui/core/Tooltip';
import { makeStyles } from '@material-ui/core/styles';
import { DoraMetricName } from '@opsdeck/backstage-plugin-common';
import { ReactNode } from 'react';
import { glossaryRouteRef } from '../../routes';

/**
 * Where a term is explained on the glossary page: a metric's name, or one of the words the
 * cards use (the SLO words included).
 *
 * @internal
 */
export type GlossaryAnchor =
  | DoraMetricName
  | 'recovery-vs-mttr'
  | 'tiers'
  | 'benchmark-sets'
  | 'points'
  | 'not-benchmarked'
  | 'not-enough-history'
  | 'deployment'
  | 'incident'
  | 'rework'
  | 'slo'
  | 'sli'
  | 'error-budget'
  | 'burn-rate'
  | 'budget-states';

/**
 * The path of one of OpsDeck's pages, or undefined when the app has not mounted it.
 *
 * @internal
 */
export function useOptionalPath(routeRef: RouteRef): string | undefined {
  try {
    // The hook's own hooks run before it throws, so calling it in `try` keeps their order.
    return useRouteRef(routeRef)();
  } catch {
    return undefined;
  }
}

/**
 * The glossary page's URL for a term (and the benchmark set whose thresholds to show), or
 * undefined when the app has not mounted the glossary page.
 *
 * @internal
 */
export function useGlossaryHref(): (
  anchor?: GlossaryAnchor,
  benchmark?: string,
) => string | undefined {
  const base = useOptionalPath(glossaryRouteRef);
  return (anchor, benchmark) => {
    if (!base) return undefined;
    const query = benchmark
      ? `?benchmark=${encodeURIComponent(benchmark)}`
      : '';
    return `${base}${query}${anchor ? `#${anchor}` : ''}`;
  };
}

const useStyles = makeStyles(theme => ({
  // A dotted underline says "there is a definition here" (WCAG 1.4.1: not by colour alone).
  term: {
    '&&': {
      color: 'inherit',
      textDecoration: 'underline dotted',
      textUnderlineOffset: '3px',
      cursor: 'help',
    },
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
  plain: { '&&': { color: 'inherit', textDecoration: 'none' } },
}));

/**
 * A term with its one-line definition on hover and keyboard focus, linking to its entry on the
 * glossary page (or, without a glossary page, focusable text).
 *
 * @internal
 */
export function Term(props: {
  definition: ReactNode;
  anchor: GlossaryAnchor;
  /** The benchmark set whose thresholds the glossary shows. */
  benchmark?: string;
  /** Render the child as is, without the dotted underline (e.g. a chip). */
  plain?: boolean;
  children: ReactNode;
}) {
  const classes = useStyles();
  const href = useGlossaryHref()(props.anchor, props.benchmark);
  const className = props.plain ? classes.plain : classes.term;
  return (
    <Tooltip title={<>{props.definition}</>} arrow>
      {href ? (
        <Link to={href} className={className}>
          {props.children}
        </Link>
      ) : (
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- focus shows the definition
        <span tabIndex={0} className={className}>
          {props.children}
        </span>
      )}
    </Tooltip>
  );
}
