#!/usr/bin/env node
// Turns each plugin's src/schema/openapi.yaml into src/schema/openapi/generated/router.ts: the typed
// spec and a `createOpenApiRouter` that validates requests against it. `yarn openapi:verify`
// (backstage-repo-tools) then checks the two match. Written here because the repo-tools generator
// needs a Java JAR that cannot be downloaded on these machines.
import {
  readFileSync,
  writeFileSync,
  mkdirSync,
  existsSync,
  readdirSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

for (const plugin of readdirSync(join(root, 'plugins'))) {
  const yamlPath = join(root, 'plugins', plugin, 'src/schema/openapi.yaml');
  if (!existsSync(yamlPath)) continue;
  const spec = YAML.parse(readFileSync(yamlPath, 'utf8'));
  const out = join(
    root,
    'plugins',
    plugin,
    'src/schema/openapi/generated/router.ts',
  );
  const text = [
    '// ******************************************************************',
    '// * THIS IS A GENERATED FILE. DO NOT EDIT IT DIRECTLY.             *',
    '// * Edit ../../openapi.yaml and run `yarn openapi:generate`.        *',
    '// ******************************************************************',
    '/* eslint-disable */',
    "import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';",
    '',
    '/** The OpenAPI document of this plugin. @public */',
    `export const spec = ${JSON.stringify(spec, null, 2)} as const;`,
    '',
    '/** An express router that validates requests against the spec. @public */',
    'export const createOpenApiRouter = async (',
    '  options?: Parameters<typeof createValidatedOpenApiRouter>[1],',
    ') => createValidatedOpenApiRouter<typeof spec>(spec, options);',
    '',
    '// `backstage-repo-tools repo schema openapi validate` reads the spec from the default export',
    '// when Node imports this file natively (type stripping) rather than through a CJS transform.',
    'export default { spec };',
    '',
  ].join('\n');
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (current === text) continue;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
