import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { SloAnswer, toSafeHttpUrl } from '@opsdeck/backstage-plugin-common';
import { PlatformTeam } from '../shared/AskPlatformTeam';
import { ForAdmins } from '../shared/ForAdmins';
import { SafeLink } from '../shared/SafeLink';
import { Code, WithCode } from '../shared/WithCode';
import { useOpsDeckFormat } from '../shared/format';
import { ObjectiveTile } from './ObjectiveTile';
import { formatWindow, providerTitle } from './sloFormat';

const useStyles = makeStyles(theme => ({
  section: {
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    '& + &': { marginTop: theme.spacing(3) },
    '& a': { textDecoration: 'underline' },
  },
  meta: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(1.5),
    color: theme.palette.text.secondary,
  },
  error: {
    padding: theme.spacing(1.5),
    borderLeft: `4px solid ${theme.palette.warning.main}`,
    background: theme.palette.background.default,
  },
}));

/** Why an SLO has no numbers, in plain words for everyone, the technical side for admins. */
function SloError(props: { slo: SloAnswer }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { error, provider } = props.slo;
  const title = providerTitle(provider.type);
  return (
    <div className={classes.error} data-testid="opsdeck-slo-error">
      <Typography variant="body2">
        {error!.reason === 'no-provider'
          ? t('sloCard.error.noProvider', {
              provider: title,
              whom: <PlatformTeam />,
            })
          : t('sloCard.error.providerError', {
              provider: title,
              whom: <PlatformTeam />,
            })}
      </Typography>
      <ForAdmins testId="opsdeck-slo-error-admins">
        {error!.reason === 'no-provider' && (
          <p style={{ margin: '4px 0' }}>
            {provider.type === 'prometheus' ? (
              <WithCode text={t('sloCard.error.configurePrometheus')} />
            ) : (
              t('sloCard.error.installProvider', {
                type: <Code>{provider.type}</Code>,
              })
            )}
          </p>
        )}
        <p style={{ margin: '4px 0' }}>
          {t('sloCard.error.said', { message: error!.message })}
        </p>
      </ForAdmins>
    </div>
  );
}

/**
 * One SLO: its name and description, its window, the file it comes from and the link to its
 * graph in the metrics system; then each objective, or why there are no numbers.
 */
export function SloSection(props: { slo: SloAnswer }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { slo } = props;
  const id = `opsdeck-slo-${slo.name}`;
  return (
    <section
      className={classes.section}
      aria-labelledby={`${id}-name`}
      data-testid={id}
    >
      <div>
        <Typography variant="subtitle1" component="h3" id={`${id}-name`}>
          {slo.displayName ?? slo.name}
        </Typography>
        {slo.description && (
          <Typography variant="body2" color="textSecondary">
            {slo.description}
          </Typography>
        )}
        <Typography variant="caption" component="p" className={classes.meta}>
          <span data-testid="opsdeck-slo-window">
            {formatWindow(slo.windowMs, t)}
          </span>
          <span>
            {t('sloCard.fromFile', { file: <Code>{slo.file}</Code> })}
          </span>
          {toSafeHttpUrl(slo.graphUrl) && (
            <SafeLink url={slo.graphUrl}>
              {t('sloCard.graph', {
                provider: providerTitle(slo.provider.type),
              })}
            </SafeLink>
          )}
        </Typography>
      </div>
      {slo.error ? (
        <SloError slo={slo} />
      ) : (
        slo.objectives.map((objective, i) => (
          <ObjectiveTile key={i} slo={slo} objective={objective} />
        ))
      )}
    </section>
  );
}
