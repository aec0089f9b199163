export { EntityOpsDeckLinksCard } from './EntityOpsDeckLinksCard';
