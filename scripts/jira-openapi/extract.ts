import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { appJiraCalls, operationFor, PLANNED_OPERATIONS } from './app-operations';

/**
 * Extracts, from Atlassian's REST v3 OpenAPI description (`swagger-v3.v3.json`, vendored by public
 * repositories), the operations the app uses and every schema they refer to, into a small test fixture:
 *
 *   npx tsx scripts/jira-openapi/extract.ts <swagger-v3.v3.json> --source "<repo>@<commit> (<date>)"
 *
 * writes test/fixtures/jira-openapi-subset.json. Run it again when the app calls a new operation; the
 * contract test fails until then.
 */

const ROOT = path.resolve(__dirname, '../..');
const OUT = path.join(ROOT, 'test/fixtures/jira-openapi-subset.json');

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function main() {
  const [file, ...rest] = process.argv.slice(2);
  if (!file) throw new Error('usage: extract.ts <swagger-v3.v3.json> --source "<where it came from>"');
  const sourceAt = rest.indexOf('--source');
  const source = sourceAt >= 0 ? (rest[sourceAt + 1] ?? '') : path.basename(file);
  const spec = JSON.parse(readFileSync(file, 'utf8')) as Json;
  const paths = spec.paths as Record<string, Record<string, Json>>;
  const schemas = (spec.components as { schemas: Record<string, unknown> }).schemas;

  const wanted = new Set(PLANNED_OPERATIONS);
  for (const call of appJiraCalls(path.join(ROOT, 'src'))) {
    const template = operationFor(call.pattern, Object.keys(paths));
    if (!template)
      throw new Error(`${call.file}: ${call.method} ${call.pattern} is not in the OpenAPI description`);
    wanted.add(`${call.method} ${template}`);
  }

  const operations: Record<string, Json> = {};
  const refs = new Set<string>();
  for (const key of [...wanted].sort()) {
    const [method = '', template = ''] = key.split(' ');
    const operation = paths[template]?.[method.toLowerCase()];
    if (!operation) throw new Error(`${key} is not in the OpenAPI description`);
    const responses: Record<string, unknown> = {};
    for (const [status, response] of Object.entries(operation.responses as Record<string, Json>)) {
      const content = response.content as Record<string, Json> | undefined;
      responses[status] = content?.['application/json']?.schema ?? null;
    }
    const body = (operation.requestBody as Json | undefined)?.content as Record<string, Json> | undefined;
    operations[key] = {
      operationId: operation.operationId,
      parameters: ((operation.parameters as Json[] | undefined) ?? []).map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required === true,
        schema: p.schema,
      })),
      ...(body ? { requestBody: body['application/json']?.schema ?? {} } : {}),
      responses,
    };
    collectRefs(operations[key], refs);
  }
  // The schemas those operations refer to, and what those refer to in turn.
  const queue = [...refs];
  const kept: Record<string, unknown> = {};
  while (queue.length > 0) {
    const name = queue.shift() as string;
    if (name in kept) continue;
    const schema = schemas[name];
    if (schema === undefined) throw new Error(`schema ${name} is missing`);
    kept[name] = schema;
    const more = new Set<string>();
    collectRefs(schema, more);
    for (const ref of more) if (!(ref in kept)) queue.push(ref);
  }
  const info = spec.info as Json;
  const fixture = {
    description:
      'Jira Cloud REST v3 OpenAPI description, only the operations the app uses and the schemas they refer to. Data extracted by scripts/jira-openapi/extract.ts; do not edit by hand.',
    source,
    openapi: spec.openapi,
    version: info.version,
    operations,
    components: { schemas: Object.fromEntries(Object.entries(kept).sort(([a], [b]) => a.localeCompare(b))) },
  };
  writeFileSync(OUT, `${JSON.stringify(withoutProse(fixture), null, 2)}\n`);
  // Biome is the one formatter, for data files too.
  execFileSync(path.join(ROOT, 'node_modules/.bin/biome'), ['format', '--write', OUT], { stdio: 'ignore' });
  console.log(
    `${Object.keys(operations).length} operations, ${Object.keys(kept).length} schemas -> ${path.relative(ROOT, OUT)}`,
  );
}

function collectRefs(value: unknown, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectRefs(v, into);
  } else if (isObject(value)) {
    if (typeof value.$ref === 'string') into.add(value.$ref.replace('#/components/schemas/', ''));
    for (const v of Object.values(value)) collectRefs(v, into);
  }
}

/**
 * Prose and examples are not contract: they are left out to keep the fixture small. Keys of a
 * `properties` map are property names (a property may be called "description"), so they stay.
 */
function withoutProse(value: unknown, inProperties = false): unknown {
  if (Array.isArray(value)) return value.map((v) => withoutProse(v));
  if (!isObject(value)) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (!inProperties && (key === 'example' || (key === 'description' && typeof v === 'string'))) continue;
    out[key] = withoutProse(v, !inProperties && key === 'properties');
  }
  return out;
}

main();
