import { Content, Header, Page } from '@backstage/core-components';
import Grid from '@material-ui/core/Grid';
import { useOpsDeckFormat } from '../shared/format';
import { BackfillCard } from './BackfillCard';

/**
 * The administration page (`/opsdeck/admin`): recent backfill runs with their progress, and
 * starting one. Holders of `opsdeck.admin` use it; anyone else reads which permission it needs.
 *
 * @public
 */
export function OpsDeckAdminPage() {
  const { t } = useOpsDeckFormat();
  return (
    <Page themeId="tool">
      <Header title={t('admin.title')} subtitle={t('admin.subtitle')} />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <BackfillCard />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
