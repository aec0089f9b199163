import { Content, Header, Page } from '@backstage/core-components';
import { HomePageStarredEntities, WelcomeTitle } from '@backstage/plugin-home';
import Grid from '@material-ui/core/Grid';
import {
  OpsDeckMyServicesCard,
  OpsDeckNextShiftCard,
  OpsDeckOnboardingCard,
  OpsDeckOpenIncidentsCard,
} from '@opsdeck/backstage-plugin';

/**
 * The developer's home (`/home`, the portal's landing page): their services with who is on
 * call and how they deliver, their next shift, open incidents on their services, and — while
 * they are new — their onboarding.
 */
export const homePage = (
  <Page themeId="home">
    <Header
      title={<WelcomeTitle language={['English']} />}
      pageTitleOverride="Home"
    />
    <Content>
      <Grid container spacing={3}>
        <Grid item xs={12} lg={8}>
          <OpsDeckMyServicesCard />
        </Grid>
        <Grid item xs={12} lg={4}>
          <Grid container spacing={3} direction="column">
            <Grid item>
              <OpsDeckOnboardingCard />
            </Grid>
            <Grid item>
              <OpsDeckNextShiftCard />
            </Grid>
          </Grid>
        </Grid>
        <Grid item xs={12} lg={8}>
          <OpsDeckOpenIncidentsCard />
        </Grid>
        <Grid item xs={12} lg={4}>
          <HomePageStarredEntities />
        </Grid>
      </Grid>
    </Content>
  </Page>
);
