export { OpsDeckAdminPage } from './OpsDeckAdminPage';
