import { InfoCard, Link } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATIONS,
  EntityLink,
  LINK_GROUPS,
  annotationsWithoutLinks,
  entityLinks,
  parseLinkTemplates,
} from '@opsdeck/backstage-plugin-common';
import { useMemo } from 'react';
import { LinkIconFor } from './LinkIcon';
import { useWrapStyles } from '../shared/wrapStyles';

const useStyles = makeStyles(theme => ({
  group: { marginBottom: theme.spacing(1) },
  icon: { minWidth: 32 },
  code: { fontFamily: 'monospace', fontSize: '0.85em' },
}));

function useLinkTemplates() {
  const config = useApi(configApiRef);
  return useMemo(() => {
    try {
      const raw = config.getOptionalConfigArray('opsdeck.links.templates');
      return { templates: parseLinkTemplates(raw?.map(c => c.get())) };
    } catch (error) {
      return { templates: [], error: (error as Error).message };
    }
  }, [config]);
}

/**
 * Links into CI/CD, observability, cloud and runtime, docs and chat, built from the annotations
 * the entity already has, the `opsdeck.links.templates` config and `metadata.links`. Only
 * absolute http(s) URLs become links.
 *
 * @public
 */
export function EntityOpsDeckLinksCard() {
  const wrap = useWrapStyles();
  const classes = useStyles();
  const { entity } = useEntity();
  const { templates, error } = useLinkTemplates();
  const links = useMemo(
    () => entityLinks(entity, templates),
    [entity, templates],
  );
  const unlinked = annotationsWithoutLinks(entity, templates);
  const techdocs = entity.metadata.annotations?.[ANNOTATIONS.techdocsRef]
    ? `/docs/${[
        entity.metadata.namespace ?? 'default',
        entity.kind.toLocaleLowerCase('en-US'),
        entity.metadata.name,
      ]
        .map(encodeURIComponent)
        .join('/')}`
    : undefined;
  const byGroup = LINK_GROUPS.map(group => ({
    ...group,
    links: links.filter(l => l.group === group.id),
  }));
  const renderLink = (
    link: Pick<EntityLink, 'title' | 'url' | 'icon' | 'from'>,
  ) => (
    <ListItem key={link.url} dense disableGutters>
      <ListItemIcon className={classes.icon}>
        <LinkIconFor
          icon={link.icon}
          fontSize="small"
          titleAccess={link.icon}
        />
      </ListItemIcon>
      <ListItemText
        className={wrap.wrap}
        primary={<Link to={link.url}>{link.title}</Link>}
        secondary={link.from}
      />
    </ListItem>
  );
  return (
    <InfoCard title="Platform links">
      {error && (
        <Typography variant="body2" color="error" role="alert">
          {error}
        </Typography>
      )}
      {links.length === 0 && !techdocs ? (
        <Typography variant="body2" data-testid="opsdeck-links-empty">
          No links yet. Add annotations such as{' '}
          <code className={classes.code}>github.com/project-slug</code> or{' '}
          <code className={classes.code}>grafana/overview-dashboard</code>,{' '}
          <code className={classes.code}>metadata.links</code>, or link
          templates in{' '}
          <code className={classes.code}>opsdeck.links.templates</code>.
        </Typography>
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
                {group.title}
              </Typography>
              <List dense disablePadding>
                {group.id === 'docs' &&
                  techdocs &&
                  renderLink({
                    title: 'TechDocs',
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
      {unlinked.length > 0 && (
        <Typography variant="caption" color="textSecondary" component="p">
          Add a link template in{' '}
          <code className={classes.code}>opsdeck.links.templates</code> to link{' '}
          {unlinked.map(a => (
            <code key={a} className={classes.code}>
              {a}{' '}
            </code>
          ))}
        </Typography>
      )}
    </InfoCard>
  );
}
