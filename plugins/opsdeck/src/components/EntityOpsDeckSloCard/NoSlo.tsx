import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ANNOTATIONS } from '@opsdeck/backstage-plugin-common';
import { useDocsUrl } from '../DoraTiles/DoraTiles';
import { Code } from '../shared/WithCode';
import { useOpsDeckFormat } from '../shared/format';
import { useGlossaryHref } from '../shared/glossary';

/** The README section on SLOs (`opsdeck.docsUrl` + this anchor). */
export const SLO_DOCS_ANCHOR = 'slos-and-error-budgets-opsdeckioopenslo';

const useStyles = makeStyles(theme => ({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    '& a': { textDecoration: 'underline' },
  },
  block: {
    margin: 0,
    padding: theme.spacing(1, 1.5),
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    whiteSpace: 'pre',
    overflowX: 'auto',
    background: theme.palette.action.hover,
    borderRadius: theme.shape.borderRadius,
    color: theme.palette.text.primary,
  },
  details: {
    '& > summary': { cursor: 'pointer', width: 'fit-content' },
    '& > pre': { marginTop: theme.spacing(1) },
  },
  links: { display: 'flex', flexWrap: 'wrap', columnGap: theme.spacing(2) },
}));

/** The annotation that names the SLO file, as it sits in catalog-info.yaml. */
export const annotationExample = (file: string) =>
  `metadata:
  annotations:
    ${ANNOTATIONS.openslo}: ${file}
`;

/** A complete OpenSLO v1 file for a service's availability, as OpsDeck reads it. */
export const openSloExample = (service: string) =>
  `apiVersion: openslo/v1
kind: SLO
metadata:
  name: ${service}-availability
  displayName: ${service} availability
spec:
  description: Requests to ${service} that succeed
  budgetingMethod: Occurrences
  timeWindow:
    - duration: 28d
      isRolling: true
  indicator:
    spec:
      ratioMetric:
        good:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="${service}",code!~"5.."}
        total:
          metricSource:
            type: Prometheus
            spec:
              query: http_requests_total{service="${service}"}
  objectives:
    - displayName: 99.9 % of requests succeed
      target: 0.999
`;

const EXAMPLE_FILE = './slo/availability.yaml';

/**
 * What a service without SLOs shows: that it has none, the annotation to add with the path of
 * an OpenSLO file next to its catalog-info.yaml, a complete example file, and where SLOs are
 * explained.
 */
export function NoSlo(props: { service: string }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const glossary = useGlossaryHref()('slo');
  const docsUrl = useDocsUrl();
  return (
    <div className={classes.root} data-testid="opsdeck-slo-none">
      <Typography variant="body2">{t('sloCard.none.text')}</Typography>
      <Typography variant="body2">
        {t('sloCard.none.howTo', {
          annotation: <Code>{ANNOTATIONS.openslo}</Code>,
          catalogFile: <Code>catalog-info.yaml</Code>,
        })}
      </Typography>
      <pre className={classes.block} data-testid="opsdeck-slo-annotation">
        {annotationExample(EXAMPLE_FILE)}
      </pre>
      <details className={classes.details}>
        <summary>
          <Typography variant="body2" component="span">
            {t('sloCard.none.fileExample', { file: EXAMPLE_FILE })}
          </Typography>
        </summary>
        <pre className={classes.block} data-testid="opsdeck-slo-example">
          {openSloExample(props.service)}
        </pre>
      </details>
      <Typography variant="body2" component="div" className={classes.links}>
        {glossary && <Link to={glossary}>{t('sloCard.none.glossary')}</Link>}
        <Link to={`${docsUrl}#${SLO_DOCS_ANCHOR}`}>
          {t('sloCard.none.docs')}
        </Link>
      </Typography>
    </div>
  );
}
