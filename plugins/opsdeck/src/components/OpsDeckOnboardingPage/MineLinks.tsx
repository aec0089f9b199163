import { Link } from '@backstage/core-components';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  ANNOTATIONS,
  EntityLink,
  LinkGroupId,
  LinkTemplate,
  OnboardingPersonalLink,
  entityLinks,
} from '@opsdeck/backstage-plugin-common';
import { Fragment, ReactNode } from 'react';
import { useLinkTemplates } from '../../hooks/useLinkTemplates';
import { describeLink } from '../EntityOpsDeckLinksCard/linkLabels';
import { useOperationsHref } from './operationsLinks';
import { SafeLink } from '../shared/SafeLink';
import { useOpsDeckFormat } from '../shared/format';
import { useTechDocsHref } from '../../hooks/useTechDocsHref';
import { useRouteRef } from '@backstage/core-plugin-api';
import { createComponentRouteRef } from '../../routes';

/** The reader's teams and the Components they own, as the page found them. */
export interface MyServices {
  teams: Array<{ entityRef: string; title: string }>;
  /** Undefined while loading. */
  services?: Entity[];
}

const useStyles = makeStyles(theme => ({
  list: { margin: theme.spacing(0.5, 0, 0), paddingLeft: theme.spacing(2.5) },
}));

const GROUP_OF: Partial<Record<OnboardingPersonalLink, LinkGroupId>> = {
  pipeline: 'cicd',
  dashboards: 'observability',
  runbook: 'docs',
};

/** A repository is where the code lives, not the pipeline: GitHub's repository link. */
const isRepository = (link: EntityLink) =>
  link.icon === 'github' && !/\/actions\/?$/.test(link.url);

/** The links card's links of one group for a service (the pipeline without the repository). */
function linksOf(
  entity: Entity,
  kind: OnboardingPersonalLink,
  templates: readonly LinkTemplate[],
): EntityLink[] {
  const group = GROUP_OF[kind];
  return entityLinks(entity, templates).filter(
    l => l.group === group && !(kind === 'pipeline' && isRepository(l)),
  );
}

const titleOf = (e: Entity) => e.metadata.title ?? e.metadata.name;

/**
 * A step's links resolved for the reader from their teams' services: the service pages, their
 * pipelines, dashboards and runbooks (the platform links card's links), the team's on-call on
 * its Operations tab, or the golden paths. Only http(s) URLs become outside links.
 *
 * @internal
 */
export function MineLinks(props: {
  kind: OnboardingPersonalLink;
  mine: MyServices;
}) {
  const classes = useStyles();
  const { t } = useOpsDeckFormat();
  const { templates } = useLinkTemplates();
  const docsHref = useTechDocsHref();
  const operationsHref = useOperationsHref();
  // The scaffolder, wherever the app mounts it.
  const createPath = useRouteRef(createComponentRouteRef)?.() ?? '/create';
  const { kind, mine } = props;
  const heading = t(`quests.mine.${kind}`);

  const wrap = (items: Array<{ key: string; node: ReactNode }>) => (
    <div data-testid={`opsdeck-mine-${kind}`}>
      <Typography variant="body2" component="div">
        {heading}
        {items.length === 0 ? (
          <> {t('quests.mine.none')}</>
        ) : (
          <ul className={classes.list}>
            {items.map(item => (
              <li key={item.key}>{item.node}</li>
            ))}
          </ul>
        )}
      </Typography>
    </div>
  );

  if (kind === 'golden-paths') {
    return wrap([
      {
        key: 'create',
        node: <Link to={createPath}>{t('quests.mine.create')}</Link>,
      },
    ]);
  }
  if (mine.teams.length === 0) {
    return (
      <Typography variant="body2" data-testid={`opsdeck-mine-${kind}`}>
        {t('quests.mine.noTeam')}
      </Typography>
    );
  }
  if (kind === 'oncall' || kind === 'error-budgets') {
    return wrap(
      mine.teams.map(team => ({
        key: team.entityRef,
        node: (
          <Link to={operationsHref(team.entityRef)}>
            {kind === 'oncall'
              ? t('quests.mine.operations', { team: team.title })
              : t('quests.mine.budgets', { team: team.title })}
          </Link>
        ),
      })),
    );
  }
  if (!mine.services) {
    return (
      <Typography variant="body2" data-testid={`opsdeck-mine-${kind}`}>
        {t('quests.mine.loading')}
      </Typography>
    );
  }
  if (kind === 'service') {
    return wrap(
      mine.services.map(s => ({
        key: s.metadata.name,
        node: <EntityRefLink entityRef={s}>{titleOf(s)}</EntityRefLink>,
      })),
    );
  }
  // pipeline, dashboards, runbook: per service, the links card's links of that group
  return wrap(
    mine.services.flatMap(s => {
      const docs =
        kind === 'runbook' && s.metadata.annotations?.[ANNOTATIONS.techdocsRef]
          ? [
              <Link key="techdocs" to={docsHref(stringifyEntityRef(s))}>
                {t('quests.mine.techdocs', { service: titleOf(s) })}
              </Link>,
            ]
          : [];
      const links = linksOf(s, kind, templates).map(link => (
        <SafeLink key={link.url} url={link.url}>
          {describeLink(link, s, templates, t).label}
        </SafeLink>
      ));
      const all = [...docs, ...links];
      if (all.length === 0) return [];
      return [
        {
          key: s.metadata.name,
          node: t('quests.mine.serviceLinks', {
            service: titleOf(s),
            links: (
              <>
                {all.map((node, i) => (
                  <Fragment key={i}>
                    {i > 0 && ', '}
                    {node}
                  </Fragment>
                ))}
              </>
            ),
          }),
        },
      ];
    }),
  );
}
