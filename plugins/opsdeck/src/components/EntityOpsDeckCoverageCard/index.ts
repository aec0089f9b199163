export { EntityOpsDeckCoverageCard } from './EntityOpsDeckCoverageCard';
