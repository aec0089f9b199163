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
import { Fragment } from 'react';
import { DomainHome } from '../../hooks/usePlatformDomains';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { OnCallLevels } from '../shared/OnCallLevels';
import { SafeLink } from '../shared/SafeLink';
import { useWrapStyles } from '../shared/wrapStyles';
import { DomainIcon } from './domainIcons';
import { AccessRequests } from './AccessRequests';

/** Why a domain has no owning team, and how to give it one. */
function NoOwner(props: { domain: DomainHome }) {
  const { id, ownerProblem } = props.domain;
  if (ownerProblem?.problem === 'two-homes') {
    return (
      <Typography variant="body2" color="error" role="alert">
        Two Systems claim this domain ({ownerProblem.homes.join(', ')}), so
        nobody decides its access requests until one drops its{' '}
        <code>opsdeck.io/platform-domain</code> annotation or{' '}
        <code>opsdeck.platform.domains</code> names the owner.
      </Typography>
    );
  }
  return (
    <Typography variant="body2" color="textSecondary">
      {ownerProblem?.problem === 'home-without-owner'
        ? `Its home System (${ownerProblem.homes[0]}) names no owner: set its spec.owner`
        : 'No team yet: annotate one System with '}
      {ownerProblem?.problem !== 'home-without-owner' && (
        <code>opsdeck.io/platform-domain: {id}</code>
      )}{' '}
      (or set <code>opsdeck.platform.domains[].owner</code>).
    </Typography>
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
  const { value, error } = useOpsDeck(
    api => api.getEntityOnCall(parseEntityRef(teamRef)),
    [teamRef],
  );
  if (error) {
    return (
      <Typography variant="body2" color="textSecondary">
        On-call unknown: {error.message}
      </Typography>
    );
  }
  return value ? <OnCallLevels oncall={value} /> : null;
}

/**
 * One platform domain: who owns it and who is on call, what it offers, its golden paths with a
 * Create button and their adoption, and its docs and request links.
 *
 * @internal
 */
export function DomainSection(props: { domain: DomainHome }) {
  const classes = useStyles();
  const wrap = useWrapStyles();
  const { domain } = props;
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
              Owned by
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
                  Docs and requests
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
              What it offers
            </Typography>
            {domain.offers.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                Nothing yet: annotate Systems, Resources, Components or APIs
                with <code>opsdeck.io/platform-domain: {domain.id}</code>.
              </Typography>
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
              Golden paths
            </Typography>
            {domain.goldenPaths.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                None yet: annotate a scaffolder Template with{' '}
                <code>opsdeck.io/platform-domain: {domain.id}</code>.
              </Typography>
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
                    {path.owner && (
                      <>
                        by <EntityRefLink entityRef={path.owner} /> ·{' '}
                      </>
                    )}
                    <span data-testid="opsdeck-golden-path-adoption">
                      used by {path.adoption.entities.length}{' '}
                      {path.adoption.entities.length === 1
                        ? 'entity'
                        : 'entities'}
                      {path.adoption.teams.length > 0 && (
                        <>
                          {' of '}
                          {path.adoption.teams.map((team, i) => (
                            <Fragment key={team}>
                              {i > 0 && ', '}
                              <EntityRefLink entityRef={team} />
                            </Fragment>
                          ))}
                        </>
                      )}
                    </span>
                  </Typography>
                  <div className={classes.row}>
                    <LinkButton
                      to={path.path}
                      variant="contained"
                      color="primary"
                      size="small"
                      aria-label={`Create: ${path.title}`}
                    >
                      Create
                    </LinkButton>
                    {path.adoption.entities.length === 0 && (
                      <Chip
                        size="small"
                        variant="outlined"
                        label="not used yet"
                      />
                    )}
                  </div>
                </div>
              ))
            )}
          </Grid>
        </Grid>
      </InfoCard>
    </section>
  );
}
