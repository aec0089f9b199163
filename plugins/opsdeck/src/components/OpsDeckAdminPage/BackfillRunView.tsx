import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { OpsDeckBackfillRun } from '../../api/OpsDeckApi';
import { OpsDeckT } from '../../translation';
import {
  formatDuration,
  formatInstant,
  formatNumber,
  useOpsDeckFormat,
} from '../shared/format';

/** Errors shown per source; the rest are counted. */
const ERRORS_SHOWN = 3;

const useStyles = makeStyles(theme => ({
  run: {
    borderTop: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1.5, 0),
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  progress: { margin: theme.spacing(1, 0, 0.5) },
  bar: { height: 8, borderRadius: 4 },
  errors: {
    margin: 0,
    paddingLeft: theme.spacing(2),
    overflowWrap: 'anywhere',
  },
}));

/** The time left in words: "about 3 min left", "less than a minute left", "estimating…". */
export function etaText(etaSeconds: number | null, t: OpsDeckT): string {
  if (etaSeconds === null) return t('admin.backfill.estimating');
  if (etaSeconds < 60) return t('admin.backfill.etaUnderAMinute');
  return t('admin.backfill.etaAbout', {
    duration: formatDuration(etaSeconds * 1000, t),
  });
}

/** A running run's bar (targets done ÷ all) and its words: "12 of 40 targets — about 3 min left". */
function RunProgress(props: { progress: OpsDeckBackfillRun['progress'] }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { done, total, etaSeconds } = props.progress;
  const text = t('admin.backfill.progress', {
    done: formatNumber(done, 0),
    count: total,
    eta: etaText(etaSeconds, t),
  });
  return (
    <div className={classes.progress}>
      <LinearProgress
        className={classes.bar}
        variant="determinate"
        value={total > 0 ? Math.min(100, (done / total) * 100) : 0}
        aria-label={t('admin.backfill.progressLabel')}
        aria-valuetext={text}
      />
      <Typography variant="body2" data-testid="opsdeck-backfill-progress">
        {text}
      </Typography>
    </div>
  );
}

function Errors(props: { errors: string[] }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { errors } = props;
  if (errors.length === 0) return <>{formatNumber(0, 0)}</>;
  const more = errors.length - ERRORS_SHOWN;
  return (
    <>
      {formatNumber(errors.length, 0)}
      <ul className={classes.errors}>
        {errors.slice(0, ERRORS_SHOWN).map((error, i) => (
          <li key={i}>{error}</li>
        ))}
        {more > 0 && <li>{t('admin.backfill.moreErrors', { count: more })}</li>}
      </ul>
    </>
  );
}

/**
 * One backfill run: its status, when it started and how many days it imports, while it runs a
 * progress bar with the time left, and per source its targets, records and errors.
 *
 * @internal
 */
export function BackfillRunView(props: { run: OpsDeckBackfillRun }) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { run } = props;
  const started = formatInstant(run.startedAt);
  const columns = ['source', 'targets', 'done', 'records', 'errors'] as const;
  return (
    <section className={classes.run} data-testid="opsdeck-backfill-run">
      <div className={classes.row}>
        <Chip
          data-testid="opsdeck-backfill-status"
          size="small"
          variant={run.status === 'running' ? 'default' : 'outlined'}
          color={run.status === 'running' ? 'primary' : 'default'}
          label={t(`admin.backfill.status.${run.status}`)}
        />
        <Typography variant="body2">
          {t('admin.backfill.started', { when: started })}
          {' · '}
          {t('admin.backfill.lastDays', { count: run.days })}
          {run.finishedAt && (
            <>
              {' · '}
              {t('admin.backfill.finished', {
                when: formatInstant(run.finishedAt),
              })}
            </>
          )}
        </Typography>
      </div>
      {run.status === 'running' && <RunProgress progress={run.progress} />}
      {run.sources.length > 0 && (
        <Table
          size="small"
          aria-label={t('admin.backfill.sourcesOf', { when: started })}
        >
          <TableHead>
            <TableRow>
              {columns.map(column => (
                <TableCell
                  key={column}
                  align={
                    column === 'source' || column === 'errors'
                      ? 'left'
                      : 'right'
                  }
                >
                  {t(`admin.backfill.columns.${column}`)}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {run.sources.map(source => (
              <TableRow
                key={source.source}
                data-testid={`opsdeck-backfill-source-${source.source}`}
              >
                <TableCell component="th" scope="row">
                  {source.source}
                </TableCell>
                <TableCell align="right">
                  {formatNumber(source.targets, 0)}
                </TableCell>
                <TableCell align="right">
                  {formatNumber(source.done, 0)}
                </TableCell>
                <TableCell align="right">
                  {formatNumber(source.records, 0)}
                </TableCell>
                <TableCell>
                  <Errors errors={source.errors} />
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
