import Checkbox from '@material-ui/core/Checkbox';
import Chip from '@material-ui/core/Chip';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  OnboardingStepProgress,
  PlatformDomainId,
} from '@opsdeck/backstage-plugin-common';
import { useDomainConfig } from '../../hooks/usePlatformDomains';
import { SafeLink } from '../shared/SafeLink';
import { useOpsDeckFormat } from '../shared/format';
import { EvidenceWords } from './Evidence';
import { MineLinks, MyServices } from './MineLinks';

const useStyles = makeStyles(theme => ({
  step: {
    borderTop: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1, 0),
    '& a': { textDecoration: 'underline' },
  },
  detail: {
    marginLeft: theme.spacing(4),
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  },
}));

/**
 * One step of a quest: its checkbox (ticked by hand, or by its automatic check with what it
 * found in words), how it ticks itself when it can, what to do, and the reader's own links.
 *
 * @internal
 */
export function QuestStep(props: {
  step: OnboardingStepProgress;
  /** The quest's domain: a step of another domain names its own. */
  questDomain?: PlatformDomainId;
  mine: MyServices;
  saving: boolean;
  onToggle: (done: boolean) => void;
}) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const domains = useDomainConfig();
  const { step } = props;
  const auto = step.doneBy === 'auto';
  return (
    <div className={classes.step} data-testid={`opsdeck-step-${step.id}`}>
      <FormControlLabel
        control={
          <Checkbox
            checked={step.done}
            // what a check found stays found: unticking it would not undo it
            disabled={props.saving || auto}
            onChange={e => props.onToggle(e.target.checked)}
            color="primary"
          />
        }
        label={<strong>{step.title}</strong>}
      />
      {step.domain && step.domain !== props.questDomain && (
        <Chip
          size="small"
          variant="outlined"
          label={domains.find(d => d.id === step.domain)?.title ?? step.domain}
        />
      )}
      <div className={classes.detail}>
        {auto && step.auto && step.evidence && (
          <Typography variant="body2" data-testid="opsdeck-step-evidence">
            {t('quests.doneAuto', {
              evidence: (
                <EvidenceWords check={step.auto} evidence={step.evidence} />
              ),
            })}
          </Typography>
        )}
        {step.auto && !step.done && (
          <Typography
            variant="body2"
            color="textSecondary"
            data-testid="opsdeck-step-auto"
          >
            {t(`quests.auto.${step.auto}`)}
          </Typography>
        )}
        {step.description && (
          <Typography variant="body2">{step.description}</Typography>
        )}
        {step.mine && <MineLinks kind={step.mine} mine={props.mine} />}
        {step.links.map(link => (
          <Typography variant="body2" key={link.url}>
            <SafeLink url={link.url}>{link.title}</SafeLink>
          </Typography>
        ))}
      </div>
    </div>
  );
}
