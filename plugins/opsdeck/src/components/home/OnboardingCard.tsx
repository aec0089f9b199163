import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { OnboardingProgress } from '@opsdeck/backstage-plugin-common';
import { ReactNode, createContext, useContext } from 'react';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { onboardingRouteRef } from '../../routes';
import { formatNumber, useOpsDeckFormat } from '../shared/format';

const useStyles = makeStyles(theme => ({
  bar: { height: 8, borderRadius: 4, margin: theme.spacing(1, 0) },
  link: { textDecoration: 'underline' },
}));

const ProgressContext = createContext<OnboardingProgress | undefined>(
  undefined,
);

/** Whether the reader still has onboarding steps to do. */
export const isUnfinished = (progress?: OnboardingProgress) =>
  Boolean(progress && progress.total > 0 && progress.done < progress.total);

/**
 * Renders the Onboarding card only while a quest is unfinished: the card disappears, frame and
 * all, once every step is done (or when there are no quests).
 *
 * @public
 */
export function OnboardingCardGate(props: { children?: ReactNode }) {
  const progress = useOpsDeck(api => api.getOnboardingProgress(), []);
  if (!isUnfinished(progress.value)) return <></>;
  return (
    <ProgressContext.Provider value={progress.value}>
      {props.children}
    </ProgressContext.Provider>
  );
}

/**
 * The home page's "Onboarding": how far the reader is, the next unfinished quest and a link
 * to the onboarding page. Inside {@link OnboardingCardGate}, which hides it when all is done.
 *
 * @public
 */
export function OnboardingContent() {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const progress = useContext(ProgressContext);
  const onboarding = useRouteRef(onboardingRouteRef);
  if (!progress) return <></>;
  const next = progress.quests?.find(q => q.done < q.total);
  return (
    <div data-testid="opsdeck-home-onboarding">
      <Typography variant="body1">
        {t('home.onboarding.progress', {
          done: formatNumber(progress.done, 0),
          total: formatNumber(progress.total, 0),
        })}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={Math.round((progress.done * 100) / progress.total)}
        className={classes.bar}
        aria-label={t('quests.progress')}
      />
      {next && (
        <Typography variant="body2">
          {t('home.onboarding.next', { quest: next.title })}
        </Typography>
      )}
      <Typography variant="body2">
        <Link to={onboarding()} className={classes.link}>
          {t('home.onboarding.continue')}
        </Link>
      </Typography>
    </div>
  );
}
