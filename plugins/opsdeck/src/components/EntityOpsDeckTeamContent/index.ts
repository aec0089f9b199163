export { EntityOpsDeckTeamContent } from './EntityOpsDeckTeamContent';
