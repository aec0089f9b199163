export { DoraGuidance } from './DoraGuidance';
