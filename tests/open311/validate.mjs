// Validates the Open311 JSON responses recorded by tests/integration/open311_e2e_test.cc
// against ../shared/open311/open311-openapi.json (OpenAPI 3.0.3) with ajv.
//   node validate.mjs RECORD_DIR SPEC_FILE
// Each record is {method, path (the spec's path template), status, body}. A 2xx body is
// checked against the operation's application/json response schema; an error body and
// the discovery document (not in the OpenAPI file) against extra_schemas.json. Fails when
// a record names an unknown operation, when no records exist, or when an operation of
// the spec was never answered with 200 (every endpoint must be exercised).
// Exit codes: 0 valid, 1 invalid, 77 skipped (node packages missing: run `npm ci` here).
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
let Ajv, addFormats;
try {
  Ajv = (await import('ajv')).default;
  addFormats = (await import('ajv-formats')).default;
} catch (e) {
  console.log(`open311 schema check skipped: ajv is not installed (run "npm ci" in ${here})`);
  process.exit(77);
}

const [recordDir, specFile] = process.argv.slice(2);
if (!recordDir || !specFile) {
  console.error('usage: node validate.mjs RECORD_DIR SPEC_FILE');
  process.exit(2);
}
if (!existsSync(specFile)) {
  console.log(`open311 schema check skipped: ${specFile} not found`);
  process.exit(77);
}
const spec = JSON.parse(readFileSync(specFile, 'utf8'));
const extra = JSON.parse(readFileSync(join(here, 'extra_schemas.json'), 'utf8'));

// strict: false lets OpenAPI-only keywords (xml, example) pass; they carry no constraint.
const ajv = new Ajv({ strict: false, allErrors: true });
addFormats(ajv);
// Formats the OpenAPI file names beyond JSON Schema's: "uid" (any identifier string),
// "uint" (a non-negative integer), "double" (any number).
ajv.addFormat('uid', { type: 'string', validate: (s) => s.length > 0 });
ajv.addFormat('uint', { type: 'number', validate: (n) => Number.isInteger(n) && n >= 0 });
ajv.addFormat('double', { type: 'number', validate: () => true });

const compiled = new Map();
function validatorFor(rec) {
  const key = `${rec.method} ${rec.path} ${rec.status}`;
  if (compiled.has(key)) return compiled.get(key);
  let schema;
  if (rec.path.startsWith('(ours)/discovery')) {
    schema = rec.status === 200 ? extra.discovery : extra.errors;
  } else {
    const op = spec.paths[rec.path]?.[rec.method];
    if (!op) throw new Error(`no operation ${rec.method.toUpperCase()} ${rec.path} in the spec`);
    const response = op.responses[String(rec.status)];
    const body = response?.content?.['application/json']?.schema;
    if (rec.status >= 200 && rec.status < 300) {
      if (!body) throw new Error(`the spec has no JSON schema for ${key}`);
      schema = body;
    } else {
      schema = extra.errors;  // the spec describes error bodies only in prose
    }
  }
  const v = ajv.compile({ ...schema, components: spec.components });
  compiled.set(key, v);
  return v;
}

const files = existsSync(recordDir) ? readdirSync(recordDir).filter((f) => f.endsWith('.json')) : [];
if (files.length === 0) {
  console.error(`no recorded responses in ${recordDir}: run the open311 end-to-end tests first`);
  process.exit(1);
}
let failures = 0;
const answered = new Set();
for (const f of files.sort()) {
  const rec = JSON.parse(readFileSync(join(recordDir, f), 'utf8'));
  let v;
  try {
    v = validatorFor(rec);
  } catch (e) {
    console.error(`${f}: ${e.message}`);
    failures++;
    continue;
  }
  if (!v(rec.body)) {
    failures++;
    console.error(`${f}: ${rec.method.toUpperCase()} ${rec.path} ${rec.status} does not validate:`);
    for (const err of v.errors.slice(0, 5)) console.error(`  ${err.instancePath} ${err.message}`);
  }
  if (rec.status === 200) answered.add(`${rec.method} ${rec.path}`);
}
for (const [path, ops] of Object.entries(spec.paths)) {
  for (const method of Object.keys(ops)) {
    if (method === 'parameters') continue;
    if (!answered.has(`${method} ${path}`)) {
      failures++;
      console.error(`never exercised with a 200 response: ${method.toUpperCase()} ${path}`);
    }
  }
}
console.log(`${files.length} Open311 JSON responses checked, ${failures} problems`);
process.exit(failures === 0 ? 0 : 1);
