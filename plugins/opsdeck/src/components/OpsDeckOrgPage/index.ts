export { OpsDeckOrgPage } from './OpsDeckOrgPage';
