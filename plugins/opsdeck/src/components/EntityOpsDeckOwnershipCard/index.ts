export { EntityOpsDeckOwnershipCard } from './EntityOpsDeckOwnershipCard';
