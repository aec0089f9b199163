import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  DoraMetricName,
  OnCallAnswer,
  ScopeServiceRow,
} from '@opsdeck/backstage-plugin-common';
import { Fragment } from 'react';
import { PersonName, isMe } from '../shared/OnCallLevels';
import { TierChip } from '../shared/TierChip';
import { formatNumber, useOpsDeckFormat } from '../shared/format';
import { TeamOperationsLinks } from '../OpsDeckOnboardingPage/operationsLinks';
import { useMyServices } from './useMyServices';

/** The DORA headlines a developer looks at first: how often, how fast, how safely. */
const HEADLINES: DoraMetricName[] = [
  'deploymentFrequency',
  'changeLeadTime',
  'changeFailRate',
];

const useStyles = makeStyles(theme => ({
  // A service's name wraps between words (and after its hyphens), never inside a word.
  name: {
    overflowWrap: 'normal',
    wordBreak: 'normal',
    hyphens: 'manual',
    minWidth: '8em',
  },
  oncall: { overflowWrap: 'normal', wordBreak: 'normal' },
  table: { '& a': { textDecoration: 'underline' } },
  footer: {
    marginTop: theme.spacing(1),
    '& a': { textDecoration: 'underline' },
  },
}));

function OnCallNow(props: { answer?: OnCallAnswer; me?: string }) {
  const { t } = useOpsDeckFormat();
  const { answer, me } = props;
  if (!answer) return <>{t('services.loading')}</>;
  const first = answer.levels[0];
  if (!first || first.people.length === 0) {
    return (
      <>
        {answer.error?.reason === 'no-oncall-annotation'
          ? t('services.notSet')
          : t('services.unknown')}
      </>
    );
  }
  return (
    <>
      {first.people.map((p, i) => (
        <Fragment key={`${p.name}-${i}`}>
          {i > 0 && ', '}
          {isMe(p, me) ? (
            <strong>{t('home.myServices.you')}</strong>
          ) : (
            <PersonName person={p} />
          )}
        </Fragment>
      ))}
    </>
  );
}

/**
 * The home page's "My services": the reader's teams' services, who is on call for each now
 * (level 1; "you" when it is the reader) and their DORA tiers for deployment frequency, lead
 * time and change fail rate.
 *
 * @public
 */
export function MyServicesContent() {
  const classes = useStyles();
  const { t, formatMetricValue } = useOpsDeckFormat();
  const mine = useMyServices();
  const me = mine.me.value?.userRef;
  if (mine.error) return <ResponseErrorPanel error={mine.error} />;
  if (mine.loading) return <Progress />;
  if (mine.teams.length === 0) {
    return <Typography variant="body2">{t('home.noTeam')}</Typography>;
  }
  const value = (row: ScopeServiceRow, name: DoraMetricName) => {
    const metric = row.dora[name];
    return metric.value === null
      ? undefined
      : formatMetricValue(name, metric.value);
  };
  return (
    <div data-testid="opsdeck-home-my-services">
      {mine.days && (
        <Typography variant="body2" color="textSecondary">
          {t('home.myServices.subheader', {
            days: formatNumber(mine.days, 0),
          })}
        </Typography>
      )}
      {mine.services.length === 0 ? (
        <Typography variant="body2">{t('home.myServices.empty')}</Typography>
      ) : (
        <Table size="small" className={classes.table}>
          <TableHead>
            <TableRow>
              <TableCell>{t('home.myServices.service')}</TableCell>
              <TableCell>{t('home.myServices.oncall')}</TableCell>
              {HEADLINES.map(name => (
                <TableCell key={name}>
                  <Tooltip title={t(`metrics.${name}.definition`)}>
                    <span>{t(`metrics.${name}.short`)}</span>
                  </Tooltip>
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {mine.services.map(row => (
              <TableRow key={row.entityRef}>
                <TableCell className={classes.name}>
                  <EntityRefLink entityRef={row.entityRef}>
                    {row.title}
                  </EntityRefLink>
                </TableCell>
                <TableCell className={classes.oncall}>
                  <OnCallNow
                    answer={mine.oncall.value?.get(row.entityRef)}
                    me={me}
                  />
                </TableCell>
                {HEADLINES.map(name => (
                  <TableCell key={name}>
                    <TierChip
                      tier={row.dora[name].tier}
                      metric={name}
                      benchmark={mine.benchmark}
                      value={value(row, name)}
                    />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <Typography variant="body2" className={classes.footer}>
        <TeamOperationsLinks
          teams={mine.teams}
          label={team => t('home.myServices.all', { team })}
        />
      </Typography>
    </div>
  );
}
