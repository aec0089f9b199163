#!/usr/bin/env node
// Turns each plugin's src/schema/openapi.yaml into src/schema/openapi/generated/spec.ts, the typed
// spec that `createValidatedOpenApiRouter` validates requests against. `--check` fails when a
// generated file is stale (used by the test command). Written here because the repo-tools
// generator needs a Java JAR that cannot be downloaded on these machines.
import { readFileSync, writeFileSync, mkdirSync, existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');
let stale = 0;

for (const plugin of readdirSync(join(root, 'plugins'))) {
  const yamlPath = join(root, 'plugins', plugin, 'src/schema/openapi.yaml');
  if (!existsSync(yamlPath)) continue;
  const spec = YAML.parse(readFileSync(yamlPath, 'utf8'));
  const out = join(root, 'plugins', plugin, 'src/schema/openapi/generated/spec.ts');
  const text = [
    '// ******************************************************************',
    '// * THIS IS A GENERATED FILE. DO NOT EDIT IT DIRECTLY.             *',
    '// * Edit ../../openapi.yaml and run `yarn openapi:generate`.        *',
    '// ******************************************************************',
    '/* eslint-disable */',
    '',
    '/** The OpenAPI document of this plugin. @public */',
    `export const spec = ${JSON.stringify(spec, null, 2)} as const;`,
    '',
  ].join('\n');
  const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
  if (current === text) continue;
  if (check) {
    console.error(`stale: ${out} — run \`yarn openapi:generate\``);
    stale++;
  } else {
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, text);
    console.log(`wrote ${out}`);
  }
}
process.exit(stale ? 1 : 0);
