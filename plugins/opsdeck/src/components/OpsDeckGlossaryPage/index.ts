export { OpsDeckGlossaryPage } from './OpsDeckGlossaryPage';
