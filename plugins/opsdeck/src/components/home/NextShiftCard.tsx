import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { YourShift } from '../OpsDeckOnboardingPage/YourShift';
import { useMyTeams } from '../OpsDeckOnboardingPage/useMyTeams';
import { useOpsDeckFormat } from '../shared/format';
import { TeamOperationsLinks } from '../OpsDeckOnboardingPage/operationsLinks';

const useStyles = makeStyles(theme => ({
  root: { '& a': { textDecoration: 'underline' } },
  footer: { marginTop: theme.spacing(1) },
}));

/**
 * The home page's "My next shift": the reader's on-call shift now or their next one within 30
 * days, on their teams and the teams' services, in words, with a link to the team's rota.
 *
 * @public
 */
export function NextShiftContent() {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const progress = useOpsDeck(api => api.getOnboardingProgress(), []);
  const me = useMyTeams();
  if (progress.error) return <ResponseErrorPanel error={progress.error} />;
  if (progress.loading) return <Progress />;
  const teams = me.value?.teams ?? [];
  return (
    <div className={classes.root} data-testid="opsdeck-home-next-shift">
      <YourShift shift={progress.value?.shift} />
      {teams.length > 0 && (
        <Typography variant="body2" className={classes.footer}>
          <TeamOperationsLinks
            teams={teams}
            label={team => t('home.nextShift.team', { team })}
          />
        </Typography>
      )}
    </div>
  );
}
