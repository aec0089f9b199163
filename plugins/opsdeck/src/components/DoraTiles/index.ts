export { DoraTiles } from './DoraTiles';
