export { EntityOpsDeckSloCard } from './EntityOpsDeckSloCard';
