import { InfoCard, Link } from '@backstage/core-components';
import {
  Entity,
  RELATION_OWNED_BY,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  EntityRefLink,
  getEntityRelations,
  useEntity,
} from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATIONS,
  EntityLink,
  LINK_GROUPS,
  annotationsWithoutLinks,
  entityLinks,
} from '@opsdeck/backstage-plugin-common';
import { useMemo } from 'react';
import { useLinkTemplates } from '../../hooks/useLinkTemplates';
import { useTechDocsHref } from '../../hooks/useTechDocsHref';
import { LinkIconFor } from './LinkIcon';
import { describeLink } from './linkLabels';
import { PlatformTeam } from '../shared/AskPlatformTeam';
import { ForAdmins } from '../shared/ForAdmins';
import { WithCode } from '../shared/WithCode';
import { useOpsDeckFormat } from '../shared/format';
import { useWrapStyles } from '../shared/wrapStyles';

const useStyles = makeStyles(theme => ({
  group: { marginBottom: theme.spacing(1) },
  icon: { minWidth: 32 },
}));

/** The owning team: the catalog's relation, else `spec.owner` as written. */
function ownerOf(entity: Entity): string | undefined {
  const related = getEntityRelations(entity, RELATION_OWNED_BY)[0];
  if (related) return stringifyEntityRef(related);
  const owner = entity.spec?.owner;
  if (typeof owner !== 'string') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(owner, {
        defaultKind: 'group',
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    );
  } catch {
    return undefined;
  }
}

/**
 * Links into CI/CD, observability, cloud and runtime, docs and chat, built from the annotations
 * the entity already has, the `opsdeck.links.templates` config and `metadata.links`. Each link
 * names the tool and the target ("GitHub · acme/checkout-api"); what produced it shows on hover.
 * Only absolute http(s) URLs become links.
 *
 * @public
 */
export function EntityOpsDeckLinksCard() {
  const wrap = useWrapStyles();
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { entity } = useEntity();
  const owner = ownerOf(entity);
  const { templates, error } = useLinkTemplates();
  const links = useMemo(
    () => entityLinks(entity, templates),
    [entity, templates],
  );
  const unlinked = annotationsWithoutLinks(entity, templates);
  const docsHref = useTechDocsHref();
  const techdocs = entity.metadata.annotations?.[ANNOTATIONS.techdocsRef]
    ? docsHref(stringifyEntityRef(entity))
    : undefined;
  const byGroup = LINK_GROUPS.map(group => ({
    ...group,
    links: links.filter(l => l.group === group.id),
  }));
  const renderLink = (
    link: Pick<EntityLink, 'title' | 'url' | 'icon' | 'from'>,
  ) => {
    const { label, source } = describeLink(link, entity, templates, t);
    return (
      <ListItem key={link.url} dense disableGutters>
        <ListItemIcon className={classes.icon}>
          {/* the label names the tool; the icon is decoration */}
          <LinkIconFor icon={link.icon} fontSize="small" aria-hidden />
        </ListItemIcon>
        <ListItemText
          className={wrap.wrap}
          primary={
            <Tooltip title={source} arrow>
              <Link to={link.url}>{label}</Link>
            </Tooltip>
          }
        />
      </ListItem>
    );
  };
  return (
    <InfoCard title={t('cards.links')}>
      {links.length === 0 && !techdocs ? (
        <>
          <Typography variant="body2" data-testid="opsdeck-links-empty">
            {t('links.empty', {
              whom: owner ? (
                <EntityRefLink entityRef={owner} />
              ) : (
                <PlatformTeam />
              ),
            })}
          </Typography>
          <ForAdmins testId="opsdeck-links-empty-fix">
            <WithCode text={t('links.emptyFix')} />
          </ForAdmins>
        </>
      ) : (
        byGroup.map(group =>
          group.links.length === 0 &&
          !(group.id === 'docs' && techdocs) ? null : (
            <div
              key={group.id}
              className={classes.group}
              data-testid={`opsdeck-links-${group.id}`}
            >
              <Typography variant="subtitle2" component="h3">
                {t(`links.groups.${group.id}`)}
              </Typography>
              <List dense disablePadding>
                {group.id === 'docs' &&
                  techdocs &&
                  renderLink({
                    title: t('links.tools.techdocs'),
                    url: techdocs,
                    icon: 'techdocs',
                    from: ANNOTATIONS.techdocsRef,
                  })}
                {group.links.map(renderLink)}
              </List>
            </div>
          ),
        )
      )}
      {(unlinked.length > 0 || error) && (
        <ForAdmins testId="opsdeck-links-admin">
          {error && (
            <Typography variant="body2" color="error" component="p">
              {t('links.badTemplates', { error })}
            </Typography>
          )}
          {unlinked.length > 0 && (
            <WithCode
              text={t('links.unlinked', {
                annotations: unlinked.map(a => `\`${a}\``).join(', '),
              })}
            />
          )}
        </ForAdmins>
      )}
    </InfoCard>
  );
}
