export { OpsDeckOnboardingPage } from './OpsDeckOnboardingPage';
