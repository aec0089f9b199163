import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { OnCallIncident } from '@opsdeck/backstage-plugin-common';
import { SafeLink } from '../shared/SafeLink';
import { formatRelative, useOpsDeckFormat } from '../shared/format';
import { useWrapStyles } from '../shared/wrapStyles';
import { useMyServices } from './useMyServices';

const useStyles = makeStyles({
  root: { '& a': { textDecoration: 'underline' } },
});

/**
 * The home page's "Open incidents on my services": the open incidents the on-call tool reports
 * for each of the reader's teams' services, newest first, each with its service, status and age.
 *
 * @public
 */
export function OpenIncidentsContent() {
  const classes = useStyles();
  const wrap = useWrapStyles();
  const { t } = useOpsDeckFormat();
  const mine = useMyServices();
  if (mine.error) return <ResponseErrorPanel error={mine.error} />;
  if (mine.teams.length === 0 && !mine.loading) {
    return <Typography variant="body2">{t('home.noTeam')}</Typography>;
  }
  if (mine.loading || mine.oncall.loading) return <Progress />;
  const answers = mine.oncall.value ?? new Map();
  // One incident once, on the first service that reports it (a rota can cover several).
  const seen = new Map<string, OnCallIncident & { service: string }>();
  let unknown = 0;
  for (const service of mine.services) {
    const answer = answers.get(service.entityRef);
    if (
      !answer ||
      answer.error?.reason === 'provider-unavailable' ||
      answer.error?.reason === 'provider-rejected'
    ) {
      unknown += 1;
      continue;
    }
    for (const incident of answer.incidents ?? []) {
      if (!seen.has(incident.id)) {
        seen.set(incident.id, { ...incident, service: service.entityRef });
      }
    }
  }
  const incidents = [...seen.values()].sort(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
  return (
    <div className={classes.root} data-testid="opsdeck-home-incidents">
      {incidents.length === 0 ? (
        <Typography variant="body2">{t('home.incidents.none')}</Typography>
      ) : (
        <List dense disablePadding>
          {incidents.map(incident => (
            <ListItem key={incident.id} disableGutters>
              <ListItemText
                className={wrap.wrap}
                primary={
                  <SafeLink url={incident.url}>{incident.title}</SafeLink>
                }
                secondary={t('home.incidents.line', {
                  service: <EntityRefLink entityRef={incident.service} />,
                  status: incident.urgency
                    ? `${incident.status} · ${incident.urgency}`
                    : incident.status,
                  opened: formatRelative(incident.createdAt),
                })}
              />
            </ListItem>
          ))}
        </List>
      )}
      {unknown > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          {t('home.incidents.unknown', { count: unknown })}
        </Typography>
      )}
    </div>
  );
}
