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
import { PlatformTeam } from '../shared/AskPlatformTeam';
import { ForAdmins } from '../shared/ForAdmins';
import { WithCode } from '../shared/WithCode';
import { useOpsDeckFormat } from '../shared/format';

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
  const { t } = useOpsDeckFormat();
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
          <InfoCard title={t('cards.ownership')}>
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
                      {t('ownership.partOf', {
                        chain: (
                          <>
                            {parents.map((p, i) => (
                              <Fragment key={p.entityRef}>
                                {i > 0 && ' › '}
                                <EntityRefLink entityRef={p.entityRef}>
                                  {p.name}
                                </EntityRefLink>
                              </Fragment>
                            ))}
                          </>
                        ),
                      })}
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
                      {t('ownership.members', {
                        count: owner.members.length,
                        names: (
                          <>
                            {owner.members.map((m, i) => (
                              <Fragment key={m.entityRef}>
                                {i > 0 && ', '}
                                <EntityRefLink entityRef={m.entityRef}>
                                  {m.name}
                                </EntityRefLink>
                              </Fragment>
                            ))}
                          </>
                        ),
                      })}
                    </Typography>
                  )}
                </>
              ) : (
                <>
                  <Typography variant="body2" data-testid="opsdeck-no-owner">
                    {t('ownership.noOwner', { whom: <PlatformTeam /> })}
                  </Typography>
                  <ForAdmins>
                    <WithCode text={t('ownership.noOwnerFix')} />
                  </ForAdmins>
                </>
              )}
            </div>
            <Divider className={classes.divider} />
            <Typography variant="subtitle2" component="h3">
              {t('ownership.oncallHeading')}
            </Typography>
            <OnCallLevels
              oncall={oncall}
              next={nextShift(shifts.value?.items)}
              subject="service"
              ask={owner?.entityRef}
            />
          </InfoCard>
        );
      }}
    </CardStates>
  );
}
