import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntityPresentation } from '@backstage/plugin-catalog-react';
import Accordion from '@material-ui/core/Accordion';
import AccordionDetails from '@material-ui/core/AccordionDetails';
import AccordionSummary from '@material-ui/core/AccordionSummary';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import ExpandMoreIcon from '@material-ui/icons/ExpandMore';
import {
  CHECKLIST_QUEST_ID,
  OnboardingProgress,
  OnboardingQuestProgress,
} from '@opsdeck/backstage-plugin-common';
import { useEffect, useState } from 'react';
import { opsDeckApiRef } from '../../api/OpsDeckApi';
import { OpsDeckT } from '../../translation';
import { ForAdmins } from '../shared/ForAdmins';
import { WithCode } from '../shared/WithCode';
import { formatNumber, useOpsDeckFormat } from '../shared/format';
import { useTechDocsHref } from '../../hooks/useTechDocsHref';
import { MyServices } from './MineLinks';
import { QuestStep } from './QuestStep';

const useStyles = makeStyles(theme => ({
  bar: { height: 8, borderRadius: 4, margin: theme.spacing(1, 0, 2) },
  summary: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    gap: theme.spacing(0, 1.5),
  },
  count: { color: theme.palette.text.secondary },
  finished: {
    color: theme.palette.success.main,
    verticalAlign: 'middle',
  },
  details: { display: 'block' },
  read: { margin: theme.spacing(0.5, 0, 1), fontWeight: 500 },
}));

/** The quests of an answer; a backend without quests sends its steps as one. */
function questsOf(
  progress: OnboardingProgress,
  t: OpsDeckT,
): OnboardingQuestProgress[] {
  if (progress.quests) return progress.quests;
  return progress.steps.length
    ? [
        {
          id: 'checklist',
          title: t('quests.firstWeek'),
          steps: progress.steps,
          done: progress.done,
          total: progress.total,
        },
      ]
    : [];
}

/** "Read: Delivery platform › Onboarding", linked to the quest's TechDocs page. */
function ReadLink(props: { docs: { entityRef: string; path?: string } }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const href = useTechDocsHref();
  const { primaryTitle } = useEntityPresentation(props.docs.entityRef);
  const last = props.docs.path?.split('/').filter(Boolean).pop();
  const pageName = last
    ? last.charAt(0).toLocaleUpperCase() + last.slice(1).replace(/[-_]/g, ' ')
    : undefined;
  return (
    <Typography variant="body2" className={classes.read}>
      <Link to={href(props.docs.entityRef, props.docs.path)}>
        {t('quests.read', {
          page: pageName
            ? t('quests.page', { entity: primaryTitle, page: pageName })
            : primaryTitle,
        })}
      </Link>
    </Typography>
  );
}

function Quest(props: {
  quest: OnboardingQuestProgress;
  mine: MyServices;
  saving?: string;
  onToggle: (step: string, done: boolean) => void;
}) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { quest } = props;
  const finished = quest.total > 0 && quest.done === quest.total;
  const headingId = `opsdeck-quest-${quest.id}-heading`;
  return (
    <Accordion
      defaultExpanded={!finished}
      data-testid={`opsdeck-quest-${quest.id}`}
    >
      <AccordionSummary
        expandIcon={<ExpandMoreIcon />}
        aria-controls={`opsdeck-quest-${quest.id}-content`}
        id={headingId}
      >
        <div className={classes.summary}>
          <Typography variant="h6" component="h3">
            {quest.id === CHECKLIST_QUEST_ID
              ? t('quests.firstWeek')
              : quest.title}
          </Typography>
          <Typography
            variant="body2"
            className={classes.count}
            data-testid="opsdeck-quest-progress"
          >
            {t('quests.questDone', {
              done: formatNumber(quest.done, 0),
              total: formatNumber(quest.total, 0),
            })}
          </Typography>
          {finished && (
            <CheckCircleIcon
              fontSize="small"
              className={classes.finished}
              titleAccess={t('quests.finished')}
            />
          )}
        </div>
      </AccordionSummary>
      <AccordionDetails
        className={classes.details}
        id={`opsdeck-quest-${quest.id}-content`}
        role="region"
        aria-labelledby={headingId}
      >
        {quest.summary && (
          <Typography variant="body2">{quest.summary}</Typography>
        )}
        {quest.docs && <ReadLink docs={quest.docs} />}
        {quest.steps.map(step => (
          <QuestStep
            key={step.id}
            step={step}
            questDomain={quest.domain}
            mine={props.mine}
            // one save at a time: a late answer must not overwrite a newer one
            saving={props.saving !== undefined}
            onToggle={done => props.onToggle(step.id, done)}
          />
        ))}
      </AccordionDetails>
    </Accordion>
  );
}

/**
 * The onboarding quests in order, each a collapsible section (unfinished ones open) with its
 * reading and steps, under the overall progress. Ticks are saved for the signed-in user.
 *
 * @internal
 */
export function Quests(props: {
  /** The caller's progress as the page loaded it. */
  loaded: { value?: OnboardingProgress; loading: boolean; error?: Error };
  /** The reader's teams and their services, for the steps' own links. */
  mine: MyServices;
}) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const api = useApi(opsDeckApiRef);
  const { loaded } = props;
  const [progress, setProgress] = useState<OnboardingProgress>();
  const [saving, setSaving] = useState<string>();
  const [error, setError] = useState<Error>();
  useEffect(() => setProgress(loaded.value), [loaded.value]);
  // Keep what a check found: stored once seen, it stays done when the evidence ages out of
  // what the providers answer.
  useEffect(() => {
    const unkept = (loaded.value?.steps ?? []).filter(
      s => s.doneBy === 'auto' && s.kept === false,
    );
    let cancelled = false;
    (async () => {
      if (unkept.length === 0) return;
      let latest: OnboardingProgress | undefined;
      for (const step of unkept) {
        latest = await api.setOnboardingStep(step.id, true);
      }
      if (!cancelled && latest) setProgress(latest);
    })().catch(() => undefined); // kept on a later visit
    return () => {
      cancelled = true;
    };
  }, [api, loaded.value]);

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
      <InfoCard title={t('quests.title')}>
        <Progress />
      </InfoCard>
    );
  }
  if (loaded.error || !progress) {
    return (
      <InfoCard title={t('quests.title')}>
        <ResponseErrorPanel
          error={loaded.error ?? new Error(t('quests.missing'))}
        />
      </InfoCard>
    );
  }
  const quests = questsOf(progress, t);
  const percent = progress.total
    ? Math.round((progress.done * 100) / progress.total)
    : 0;
  return (
    <InfoCard
      title={t('quests.title')}
      subheader={t('quests.done', {
        done: formatNumber(progress.done, 0),
        total: formatNumber(progress.total, 0),
      })}
    >
      {error && <ResponseErrorPanel error={error} />}
      {quests.length === 0 ? (
        <>
          <Typography variant="body2" data-testid="opsdeck-checklist-empty">
            {t('quests.empty')}
          </Typography>
          <ForAdmins>
            <WithCode text={t('quests.emptyFix')} />
          </ForAdmins>
        </>
      ) : (
        <>
          <LinearProgress
            variant="determinate"
            value={percent}
            className={classes.bar}
            aria-label={t('quests.progress')}
            data-testid="opsdeck-checklist-progress"
          />
          {quests.map(quest => (
            <Quest
              key={quest.id}
              quest={quest}
              mine={props.mine}
              saving={saving}
              onToggle={toggle}
            />
          ))}
        </>
      )}
    </InfoCard>
  );
}
