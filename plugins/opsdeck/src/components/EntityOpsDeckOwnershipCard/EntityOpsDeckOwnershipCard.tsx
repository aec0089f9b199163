import { InfoCard } from '@backstage/core-components';
import {
  getCompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { Fragment } from 'react';
import { useOpsDeck } from '../../hooks/useOpsDeck';
import { CardStates } from '../shared/CardStates';
import { OWNERSHIP_CARD } from '../shared/cardShapes';
import { OnCallLevels, nextShift } from '../shared/OnCallLevels';
import { SafeLink } from '../shared/SafeLink';

const useStyles = makeStyles(theme => ({
  // Links inside sentences are underlined, not told apart by colour alone (WCAG 1.4.1).
  section: {
    marginBottom: theme.spacing(1.5),
    '& a': { textDecoration: 'underline' },
  },
  divider: { margin: theme.spacing(1.5, 0) },
}));

/**
 * Who owns the entity on the page and how to reach them: the owning team with its contacts and
 * members, its parent chain, and who is on call now per escalation level (and next).
 *
 * @public
 */
export function EntityOpsDeckOwnershipCard() {
  const classes = useStyles();
  const { entity } = useEntity();
  const ref = getCompoundEntityRef(entity);
  const entityRef = stringifyEntityRef(entity);
  const ownership = useOpsDeck(
    api => api.getEntityOwnership(ref),
    [ref.kind, ref.namespace, ref.name],
  );
  // Shifts are only for "who is next"; the card does not wait for them.
  const shifts = useOpsDeck(api => api.getOnCallShifts(entityRef), [entityRef]);
  return (
    <CardStates
      shape={OWNERSHIP_CARD}
      loading={ownership.loading}
      error={ownership.error}
    >
      {() => {
        const { owner, parents, oncall } = ownership.value!;
        return (
          <InfoCard title={OWNERSHIP_CARD.title}>
            <div className={classes.section} data-testid="opsdeck-owner">
              {owner ? (
                <>
                  <Typography variant="h6" component="p">
                    <EntityRefLink entityRef={owner.entityRef}>
                      {owner.name}
                    </EntityRefLink>
                  </Typography>
                  {parents.length > 0 && (
                    <Typography
                      variant="body2"
                      color="textSecondary"
                      data-testid="opsdeck-owner-parents"
                    >
                      part of{' '}
                      {parents.map((p, i) => (
                        <Fragment key={p.entityRef}>
                          {i > 0 && ' › '}
                          <EntityRefLink entityRef={p.entityRef}>
                            {p.name}
                          </EntityRefLink>
                        </Fragment>
                      ))}
                    </Typography>
                  )}
                  {(owner.email || owner.links.length > 0) && (
                    <Typography variant="body2">
                      {owner.email && <span>{owner.email}</span>}
                      {owner.links.map(link => (
                        <Fragment key={link.url}>
                          {' · '}
                          <SafeLink url={link.url}>{link.title}</SafeLink>
                        </Fragment>
                      ))}
                    </Typography>
                  )}
                  {owner.members.length > 0 && (
                    <Typography
                      variant="body2"
                      data-testid="opsdeck-owner-members"
                    >
                      {owner.members.length} member
                      {owner.members.length === 1 ? '' : 's'}:{' '}
                      {owner.members.map((m, i) => (
                        <Fragment key={m.entityRef}>
                          {i > 0 && ', '}
                          <EntityRefLink entityRef={m.entityRef}>
                            {m.name}
                          </EntityRefLink>
                        </Fragment>
                      ))}
                    </Typography>
                  )}
                </>
              ) : (
                <Typography variant="body2">
                  No owner. Set <code>spec.owner</code> to the owning team in
                  catalog-info.yaml.
                </Typography>
              )}
            </div>
            <Divider className={classes.divider} />
            <Typography variant="subtitle2" component="h3">
              On call now
            </Typography>
            <OnCallLevels
              oncall={oncall}
              next={nextShift(shifts.value?.items)}
            />
          </InfoCard>
        );
      }}
    </CardStates>
  );
}
