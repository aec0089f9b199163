import { InfoCard, LinkButton } from '@backstage/core-components';
import { parseEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment, ReactNode } from 'react';
import { DomainHome } from '../../hooks/usePlatformDomains';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { OnCallLevels } from '../shared/OnCallLevels';
import { SafeLink } from '../shared/SafeLink';
import { useWrapStyles } from '../shared/wrapStyles';
import { PlatformTeam } from '../shared/AskPlatformTeam';
import { ForAdmins } from '../shared/ForAdmins';
import { WithCode } from '../shared/WithCode';
import { useOpsDeckFormat } from '../shared/format';
import { DomainIcon } from './domainIcons';
import { AccessRequests } from './AccessRequests';
import { GoldenPathAdoption } from './GoldenPathAdoption';
import { Adopter } from './useAdoption';

/** Why a domain has no owning team, in plain words; the catalog detail is for admins. */
function NoOwner(props: { domain: DomainHome }) {
  const { t } = useOpsDeckFormat();
  const { id, ownerProblem } = props.domain;
  const homes = (
    <>
      {(ownerProblem?.homes ?? []).map((home, i) => (
        <Fragment key={home}>
          {i > 0 && ', '}
          <EntityRefLink entityRef={home} />
        </Fragment>
      ))}
    </>
  );
  let text: string;
  let fix: ReactNode;
  if (ownerProblem?.problem === 'two-homes') {
    text = t('domain.twoHomes');
    fix = (
      <>
        {t('domain.twoHomesFix', { homes })}{' '}
        <WithCode text={t('domain.twoHomesHow')} />
      </>
    );
  } else if (ownerProblem?.problem === 'home-without-owner') {
    text = t('domain.homeWithoutOwner');
    fix = (
      <>
        {t('domain.homeWithoutOwnerFix', { home: homes })}{' '}
        <WithCode text={t('domain.homeWithoutOwnerHow')} />
      </>
    );
  } else {
    text = t('domain.noTeam');
    fix = <WithCode text={t('domain.noTeamFix', { id })} />;
  }
  return (
    <>
      <Typography
        variant="body2"
        color={
          ownerProblem?.problem === 'two-homes' ? 'error' : 'textSecondary'
        }
        data-testid="opsdeck-domain-no-owner"
      >
        {text}
      </Typography>
      <ForAdmins testId="opsdeck-domain-owner-detail">{fix}</ForAdmins>
    </>
  );
}

const useStyles = makeStyles(theme => ({
  title: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  path: {
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(1.5),
    marginBottom: theme.spacing(1),
    '& a': { textDecoration: 'underline' },
  },
  row: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
  links: { '& a': { textDecoration: 'underline' } },
}));

function TeamOnCall({ teamRef }: { teamRef: string }) {
  const { t } = useOpsDeckFormat();
  const { value, error } = useOpsDeck(
    api => api.getEntityOnCall(parseEntityRef(teamRef)),
    [teamRef],
  );
  if (error) {
    return (
      <>
        <Typography variant="body2" color="textSecondary">
          {t('oncall.loadFailed', { subject: t('oncall.subject.domain') })}
        </Typography>
        <ForAdmins>{error.message}</ForAdmins>
      </>
    );
  }
  return value ? (
    <OnCallLevels oncall={value} subject="domain" ask={teamRef} />
  ) : null;
}

/**
 * One platform domain: who owns it and who is on call, what it offers, its golden paths with a
 * Create button and their adoption (by team, and runs per week), and its docs and request links.
 *
 * @internal
 */
export function DomainSection(props: {
  domain: DomainHome;
  /** The entities created from golden paths, with their owners. */
  adopters?: Map<string, Adopter>;
  /** Completed scaffolder runs per template and week. */
  runs?: { weeks: number[]; counts: Map<string, number[]> };
}) {
  const classes = useStyles();
  const wrap = useWrapStyles();
  const { t } = useOpsDeckFormat();
  const { domain } = props;
  const whom = domain.team ? (
    <EntityRefLink entityRef={domain.team.entityRef}>
      {domain.team.title}
    </EntityRefLink>
  ) : (
    <PlatformTeam />
  );
  return (
    <section id={domain.id} data-testid={`opsdeck-domain-${domain.id}`}>
      <InfoCard
        title={
          <span className={classes.title}>
            <DomainIcon id={domain.id} icon={domain.icon} />
            {domain.title}
          </span>
        }
        subheader={domain.description}
      >
        <Grid container spacing={2}>
          <Grid item xs={12} md={4}>
            <Typography variant="subtitle2" component="h3">
              {t('domain.ownedBy')}
            </Typography>
            {domain.team ? (
              <>
                <Typography variant="body1">
                  <EntityRefLink entityRef={domain.team.entityRef}>
                    {domain.team.title}
                  </EntityRefLink>
                </Typography>
                <TeamOnCall teamRef={domain.team.entityRef} />
              </>
            ) : (
              <NoOwner domain={domain} />
            )}
            <AccessRequests domain={domain} />
            {domain.links.length > 0 && (
              <div className={classes.links} data-testid="opsdeck-domain-links">
                <Typography variant="subtitle2" component="h3">
                  {t('domain.docs')}
                </Typography>
                {domain.links.map(link => (
                  <Typography variant="body2" key={link.url}>
                    <SafeLink url={link.url}>{link.title}</SafeLink>
                  </Typography>
                ))}
              </div>
            )}
          </Grid>
          <Grid item xs={12} md={4}>
            <Typography variant="subtitle2" component="h3">
              {t('domain.offers')}
            </Typography>
            {domain.offers.length === 0 ? (
              <>
                <Typography variant="body2" color="textSecondary">
                  {t('domain.noOffers', { whom })}
                </Typography>
                <ForAdmins testId="opsdeck-domain-offers-fix">
                  <WithCode text={t('domain.noOffersFix', { id: domain.id })} />
                </ForAdmins>
              </>
            ) : (
              <List dense disablePadding>
                {domain.offers.map(offer => (
                  <ListItem key={offer.entityRef} disableGutters>
                    <ListItemText
                      className={wrap.wrap}
                      primary={
                        <EntityRefLink entityRef={offer.entityRef}>
                          {offer.title}
                        </EntityRefLink>
                      }
                      secondary={[offer.kind, offer.description]
                        .filter(Boolean)
                        .join(' · ')}
                    />
                  </ListItem>
                ))}
              </List>
            )}
          </Grid>
          <Grid item xs={12} md={4}>
            <Typography variant="subtitle2" component="h3">
              {t('domain.goldenPaths')}
            </Typography>
            {domain.goldenPaths.length === 0 ? (
              <>
                <Typography variant="body2" color="textSecondary">
                  {t('domain.noGoldenPaths', { whom })}
                </Typography>
                <ForAdmins testId="opsdeck-domain-paths-fix">
                  <WithCode
                    text={t('domain.noGoldenPathsFix', { id: domain.id })}
                  />
                </ForAdmins>
              </>
            ) : (
              domain.goldenPaths.map(path => (
                <div
                  key={path.entityRef}
                  className={classes.path}
                  data-testid="opsdeck-golden-path"
                >
                  <Typography variant="body1">
                    <strong>{path.title}</strong>
                  </Typography>
                  {path.description && (
                    <Typography variant="body2">{path.description}</Typography>
                  )}
                  <Typography variant="body2" color="textSecondary">
                    {path.owner &&
                      t('domain.by', {
                        owner: <EntityRefLink entityRef={path.owner} />,
                      })}
                    <span data-testid="opsdeck-golden-path-adoption">
                      {t('domain.usedBy', {
                        count: path.adoption.entities.length,
                      })}
                    </span>
                  </Typography>
                  <div className={classes.row}>
                    <LinkButton
                      to={path.path}
                      variant="contained"
                      color="primary"
                      size="small"
                      aria-label={t('domain.createLabel', {
                        title: path.title,
                      })}
                    >
                      {t('domain.create')}
                    </LinkButton>
                    {path.adoption.entities.length === 0 && (
                      <Chip
                        size="small"
                        variant="outlined"
                        label={t('domain.notUsed')}
                      />
                    )}
                  </div>
                  <GoldenPathAdoption
                    path={path}
                    adopters={props.adopters}
                    runs={props.runs}
                  />
                </div>
              ))
            )}
          </Grid>
        </Grid>
      </InfoCard>
    </section>
  );
}
