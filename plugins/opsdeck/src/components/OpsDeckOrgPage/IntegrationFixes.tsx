import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { ScopeCoverage } from '@opsdeck/backstage-plugin-common';
import { ForAdmins } from '../shared/ForAdmins';
import { WithCode } from '../shared/WithCode';
import { formatNumber, useOpsDeckFormat } from '../shared/format';
import { integrationTitle } from '../shared/integrationTitle';
import { missingIntegrations } from './matrixRows';

const useStyles = makeStyles(theme => ({
  root: { marginTop: theme.spacing(2) },
  list: { margin: theme.spacing(0.5, 0), paddingLeft: theme.spacing(2.5) },
}));

/**
 * What each integration that some service lacks gives and how to get it, said once for the whole
 * matrix; the annotation to add is for admins.
 *
 * @internal
 */
export function IntegrationFixes(props: { coverage: ScopeCoverage }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const missing = missingIntegrations(props.coverage);
  if (missing.length === 0) return null;
  return (
    <section className={classes.root} data-testid="opsdeck-integration-fixes">
      <Typography variant="subtitle2" component="h3">
        {t('org.fixesTitle')}
      </Typography>
      <ul className={classes.list}>
        {missing.map(m => (
          <li key={m.id}>
            <Typography variant="body2" component="span">
              <strong>{integrationTitle(m, t)}</strong>
              {t('org.fixLine', {
                count: m.count,
                services: formatNumber(m.count, 0),
                fix: t(`org.fixes.${m.id}`),
              })}
            </Typography>
          </li>
        ))}
      </ul>
      <ForAdmins testId="opsdeck-integration-fixes-admin">
        <ul className={classes.list}>
          {missing.map(m => (
            <li key={m.id}>
              <strong>{integrationTitle(m, t)}</strong>:{' '}
              <WithCode text={m.fix} />
            </li>
          ))}
        </ul>
      </ForAdmins>
    </section>
  );
}
