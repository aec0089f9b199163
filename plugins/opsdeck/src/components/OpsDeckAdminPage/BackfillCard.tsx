import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { usePermission } from '@backstage/plugin-permission-react';
import Button from '@material-ui/core/Button';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { opsdeckAdminPermission } from '@opsdeck/backstage-plugin-common';
import { FormEvent, useState } from 'react';
import { opsDeckApiRef } from '../../api/OpsDeckApi';
import { useBackfillRuns } from '../../hooks/useBackfillRuns';
import { useDocsUrl } from '../DoraTiles/DoraTiles';
import { Code } from '../shared/WithCode';
import { useOpsDeckFormat } from '../shared/format';
import { BackfillRunView } from './BackfillRunView';

/** The README's part on backfill (`opsdeck.docsUrl` + this anchor). */
export const BACKFILL_DOCS_ANCHOR = 'backfill';

const DEFAULT_DAYS = 90;

const useStyles = makeStyles(theme => ({
  form: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  days: { width: 160 },
  start: { marginTop: theme.spacing(1.5) },
  note: { marginTop: theme.spacing(2.5) },
  message: { '& a': { textDecoration: 'underline' } },
}));

const isResponseError = (error: Error): error is ResponseError =>
  error.name === 'ResponseError';

/** The backend's own words for an error ("A backfill is already running"), else its message. */
function backendMessage(error: Error): string {
  return (isResponseError(error) && error.cause?.message) || error.message;
}

/** What a user without `opsdeck.admin` reads: which permission, and whom to ask. */
function NotAllowed() {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  return (
    <div className={classes.message} data-testid="opsdeck-backfill-not-allowed">
      <Typography variant="subtitle1" component="h3" gutterBottom>
        {t('admin.notAllowed.title')}
      </Typography>
      <Typography variant="body2" paragraph>
        {t('admin.notAllowed.text', {
          permission: <Code>{opsdeckAdminPermission.name}</Code>,
        })}
      </Typography>
      <Typography variant="body2">{t('admin.notAllowed.ask')}</Typography>
    </div>
  );
}

/** Days and Start; the backend's answer to a refused start (400, 409) under them. */
function StartBackfill(props: { running: boolean; onAnswered: () => void }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const api = useApi(opsDeckApiRef);
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<Error>();
  const start = async (event: FormEvent) => {
    event.preventDefault();
    setStarting(true);
    try {
      await api.startBackfill({ days: Number(days) });
      setError(undefined);
    } catch (e) {
      setError(e as Error);
    } finally {
      setStarting(false);
      // Started, or refused because another run started meanwhile: show the runs as they are.
      props.onAnswered();
    }
  };
  return (
    <>
      <form className={classes.form} onSubmit={start}>
        <TextField
          id="opsdeck-backfill-days"
          className={classes.days}
          label={t('admin.backfill.days')}
          helperText={t('admin.backfill.daysHelp')}
          type="number"
          margin="dense"
          value={days}
          onChange={e => setDays(e.target.value)}
          inputProps={{ min: 1, max: 365, step: 1 }}
          required
        />
        <Button
          className={classes.start}
          type="submit"
          variant="contained"
          color="primary"
          disabled={starting || props.running}
        >
          {t('admin.backfill.start')}
        </Button>
        {props.running && (
          <Typography
            className={classes.note}
            variant="body2"
            color="textSecondary"
          >
            {t('admin.backfill.oneAtATime')}
          </Typography>
        )}
      </form>
      {error && (
        <ResponseErrorPanel error={error} title={backendMessage(error)} />
      )}
    </>
  );
}

function NoRunsYet() {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const docsUrl = useDocsUrl();
  return (
    <Typography
      variant="body2"
      className={classes.message}
      data-testid="opsdeck-backfill-empty"
    >
      {t('admin.backfill.empty', {
        section: (
          <Link to={`${docsUrl}#${BACKFILL_DOCS_ANCHOR}`}>
            {t('admin.backfill.section')}
          </Link>
        ),
      })}
    </Typography>
  );
}

/**
 * The Backfill section: for holders of `opsdeck.admin` a form to start a run and the recent
 * runs, polled while one runs; for anyone else, which permission it needs.
 *
 * @internal
 */
export function BackfillCard() {
  const { t } = useOpsDeckFormat();
  const { allowed, loading: checking } = usePermission({
    permission: opsdeckAdminPermission,
  });
  const runs = useBackfillRuns(allowed);
  const forbidden =
    !checking &&
    (!allowed ||
      (runs.error &&
        isResponseError(runs.error) &&
        runs.error.statusCode === 403));

  const body = () => {
    if (checking) return <Progress />;
    if (forbidden) return <NotAllowed />;
    return (
      <>
        <StartBackfill running={runs.running} onAnswered={runs.refresh} />
        {!runs.runs && !runs.error && <Progress />}
        {runs.error && (
          <ResponseErrorPanel
            error={runs.error}
            title={backendMessage(runs.error)}
          />
        )}
        {runs.runs?.length === 0 && <NoRunsYet />}
        {runs.runs?.map(run => (
          <BackfillRunView key={run.id} run={run} />
        ))}
      </>
    );
  };
  return (
    <InfoCard
      title={t('admin.backfill.title')}
      subheader={t('admin.backfill.subheader')}
    >
      {body()}
    </InfoCard>
  );
}
