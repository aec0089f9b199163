import {
  InfoCard,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { DomainHome } from '../../hooks/usePlatformDomains';
import { useOpsDeckFormat } from '../shared/format';

/**
 * The platform domains relevant to the reader (their team's golden paths, their quests'
 * domains): whom to ask, and the golden paths with a Create button.
 *
 * @internal
 */
export function DomainsCard(props: {
  domains: { value?: DomainHome[]; loading: boolean; error?: Error };
  relevant: DomainHome[];
  teamRefs: ReadonlySet<string>;
}) {
  const { t } = useOpsDeckFormat();
  const { domains, relevant, teamRefs } = props;
  return (
    <InfoCard
      title={t('onboarding.domains')}
      subheader={t('onboarding.domainsSubheader')}
    >
      {domains.loading && <Progress />}
      {domains.error && <ResponseErrorPanel error={domains.error} />}
      {domains.value && relevant.length === 0 && (
        <Typography variant="body2">{t('onboarding.noDomains')}</Typography>
      )}
      <Grid container spacing={2}>
        {relevant.map(d => (
          <Grid
            item
            xs={12}
            md={6}
            key={d.id}
            data-testid={`opsdeck-my-domain-${d.id}`}
          >
            <Typography variant="subtitle1" component="h3">
              {d.home ? (
                <EntityRefLink entityRef={d.home.entityRef}>
                  {d.title}
                </EntityRefLink>
              ) : (
                d.title
              )}
            </Typography>
            {d.team && (
              <Typography variant="body2">
                {t('onboarding.ask', {
                  team: (
                    <EntityRefLink entityRef={d.team.entityRef}>
                      {d.team.title}
                    </EntityRefLink>
                  ),
                })}
              </Typography>
            )}
            {d.goldenPaths.map(p => (
              <div key={p.entityRef} style={{ marginTop: 8 }}>
                <Typography variant="body2">
                  <strong>{p.title}</strong>
                  {p.adoption.teams.some(team => teamRefs.has(team)) &&
                    t('onboarding.yourTeamUses')}
                </Typography>
                <LinkButton
                  to={p.path}
                  size="small"
                  variant="outlined"
                  color="primary"
                  aria-label={t('domain.createLabel', { title: p.title })}
                >
                  {t('domain.create')}
                </LinkButton>
              </div>
            ))}
          </Grid>
        ))}
      </Grid>
    </InfoCard>
  );
}
