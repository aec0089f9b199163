export { EntityOpsDeckDoraCard } from './EntityOpsDeckDoraCard';
