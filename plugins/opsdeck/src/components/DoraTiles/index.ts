export { DoraTiles, useDocsUrl } from './DoraTiles';
