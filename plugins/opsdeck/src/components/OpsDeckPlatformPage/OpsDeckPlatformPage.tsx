import {
  Content,
  ContentHeader,
  Header,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import SearchIcon from '@material-ui/icons/Search';
import Typography from '@material-ui/core/Typography';
import { useMemo, useState } from 'react';
import { DomainHome, usePlatformDomains } from '../../hooks/usePlatformDomains';
import { useOpsDeckFormat } from '../shared/format';
import { ForAdmins } from '../shared/ForAdmins';
import { DomainSection } from './DomainSection';
import { useAdopters, useScaffolderRuns } from './useAdoption';

/**
 * What of a domain matches a search: everything when the domain itself matches, else only the
 * offers and golden paths that do; undefined when nothing does.
 */
export function searchDomain(
  domain: DomainHome,
  query: string,
): DomainHome | undefined {
  const q = query.trim().toLocaleLowerCase();
  if (!q) return domain;
  const has = (...texts: Array<string | undefined>) =>
    texts.some(t => t?.toLocaleLowerCase().includes(q));
  if (has(domain.title, domain.description, domain.id, domain.team?.title)) {
    return domain;
  }
  const offers = domain.offers.filter(o => has(o.title, o.description, o.kind));
  const goldenPaths = domain.goldenPaths.filter(p =>
    has(p.title, p.description),
  );
  return offers.length || goldenPaths.length
    ? { ...domain, offers, goldenPaths }
    : undefined;
}

/**
 * The platform team's storefront (`/platform`): one section per domain with its owning team and
 * who is on call, what it offers, its golden paths and their adoption (entities by owning team,
 * completed runs per week from the scaffolder), and its docs and request links; one search box
 * across domains and offers.
 *
 * @public
 */
export function OpsDeckPlatformPage() {
  const { t } = useOpsDeckFormat();
  const { value, loading, error } = usePlatformDomains({ adoption: true });
  const adopters = useAdopters(value);
  const runs = useScaffolderRuns();
  const [query, setQuery] = useState('');
  const shown = useMemo(
    () =>
      (value ?? []).flatMap(d => {
        const match = searchDomain(d, query);
        return match ? [match] : [];
      }),
    [value, query],
  );
  return (
    <Page themeId="tool">
      <Header title={t('platform.title')} subtitle={t('platform.subtitle')} />
      <Content>
        <ContentHeader title={t('platform.domains')}>
          <TextField
            placeholder={t('platform.search')}
            variant="outlined"
            size="small"
            value={query}
            onChange={e => setQuery(e.target.value)}
            inputProps={{
              'aria-label': t('platform.search'),
            }}
            InputProps={{
              startAdornment: (
                <InputAdornment position="start">
                  <SearchIcon />
                </InputAdornment>
              ),
            }}
          />
        </ContentHeader>
        {/* the page's grey background: secondary text would be too faint to read */}
        <Typography
          variant="body2"
          paragraph
          data-testid="opsdeck-adoption-note"
        >
          {runs.error ? t('goldenPath.runsUnknown') : t('goldenPath.note')}
        </Typography>
        {runs.error && <ForAdmins>{runs.error.message}</ForAdmins>}
        {loading && <Progress />}
        {error && <ResponseErrorPanel error={error} />}
        {value && shown.length === 0 && (
          <Typography variant="body1" data-testid="opsdeck-platform-empty">
            {t('platform.nothingMatches', { query })}
          </Typography>
        )}
        <Grid container spacing={3}>
          {shown.map(domain => (
            <Grid item xs={12} key={domain.id}>
              <DomainSection
                domain={domain}
                adopters={adopters.value}
                runs={runs.value}
              />
            </Grid>
          ))}
        </Grid>
      </Content>
    </Page>
  );
}
