import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { OnboardingProgress } from '@opsdeck/backstage-plugin-common';
import { useEffect, useState } from 'react';
import { opsDeckApiRef } from '../../api/OpsDeckApi';
import { SafeLink } from '../shared/SafeLink';
import { ForAdmins } from '../shared/ForAdmins';
import { WithCode } from '../shared/WithCode';
import { formatNumber, useOpsDeckFormat } from '../shared/format';
import { useDomainConfig } from '../../hooks/usePlatformDomains';

const useStyles = makeStyles(theme => ({
  bar: { height: 8, borderRadius: 4, margin: theme.spacing(1, 0, 2) },
  step: {
    borderTop: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1, 0),
    '& a': { textDecoration: 'underline' },
  },
  detail: { marginLeft: theme.spacing(4) },
}));

/**
 * The onboarding checklist with a progress bar; ticks are saved for the signed-in user.
 *
 * @internal
 */
export function Checklist(props: {
  /** The caller's progress as the page loaded it. */
  loaded: { value?: OnboardingProgress; loading: boolean; error?: Error };
}) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const domains = useDomainConfig();
  const api = useApi(opsDeckApiRef);
  const { loaded } = props;
  const [progress, setProgress] = useState<OnboardingProgress>();
  const [saving, setSaving] = useState<string>();
  const [error, setError] = useState<Error>();
  useEffect(() => setProgress(loaded.value), [loaded.value]);

  const toggle = async (step: string, done: boolean) => {
    setSaving(step);
    try {
      setProgress(await api.setOnboardingStep(step, done));
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    } finally {
      setSaving(undefined);
    }
  };

  if (loaded.loading) {
    return (
      <InfoCard title={t('checklist.title')}>
        <Progress />
      </InfoCard>
    );
  }
  if (loaded.error || !progress) {
    return (
      <InfoCard title={t('checklist.title')}>
        <ResponseErrorPanel
          error={loaded.error ?? new Error(t('checklist.missing'))}
        />
      </InfoCard>
    );
  }
  const percent = progress.total
    ? Math.round((progress.done * 100) / progress.total)
    : 0;
  return (
    <InfoCard
      title={t('checklist.title')}
      subheader={t('checklist.done', {
        done: formatNumber(progress.done, 0),
        total: formatNumber(progress.total, 0),
      })}
    >
      {error && <ResponseErrorPanel error={error} />}
      {progress.total === 0 ? (
        <>
          <Typography variant="body2" data-testid="opsdeck-checklist-empty">
            {t('checklist.empty')}
          </Typography>
          <ForAdmins>
            <WithCode text={t('checklist.emptyFix')} />
          </ForAdmins>
        </>
      ) : (
        <>
          <LinearProgress
            variant="determinate"
            value={percent}
            className={classes.bar}
            aria-label={t('checklist.progress')}
            data-testid="opsdeck-checklist-progress"
          />
          {progress.steps.map(step => (
            <div
              key={step.id}
              className={classes.step}
              data-testid={`opsdeck-step-${step.id}`}
            >
              <FormControlLabel
                control={
                  <Checkbox
                    checked={step.done}
                    disabled={saving === step.id}
                    onChange={e => toggle(step.id, e.target.checked)}
                    color="primary"
                  />
                }
                label={<strong>{step.title}</strong>}
              />
              {step.domain && (
                <Chip
                  size="small"
                  variant="outlined"
                  label={
                    domains.find(d => d.id === step.domain)?.title ??
                    step.domain
                  }
                />
              )}
              <div className={classes.detail}>
                {step.description && (
                  <Typography variant="body2">{step.description}</Typography>
                )}
                {step.links.map(link => (
                  <Typography variant="body2" key={link.url}>
                    <SafeLink url={link.url}>{link.title}</SafeLink>
                  </Typography>
                ))}
              </div>
            </div>
          ))}
        </>
      )}
    </InfoCard>
  );
}
