// Checks rendered Kubernetes manifests offline, the way the API server would refuse them:
//  - built-in kinds against the kubernetes-models schemas (the Kubernetes OpenAPI),
//  - FlinkDeployment against the Flink Kubernetes Operator's CRD schema, unknown fields included,
//  - references inside the release: volumes mounted, ConfigMaps, Secrets and claims that exist,
//    selectors that match their pod template, Services that select some pod,
//  - with --doc FILE=DOC[,DOC...], that every key of a ConfigMap's FILE (a properties file) is documented in one of the DOCs
//    in DOC: the job and the retrainer refuse unknown keys at start-up.
// Usage: node check-manifests.mjs --crd CRD.yml [--flink-versions v2_0,v2_1] [--external NAME]...
//          [--doc job.properties=docs/flink-job.md]... FILE...
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';
import Ajv from 'ajv';

function parseArgs(argv) {
  const opts = { crd: null, flinkVersions: [], external: new Set(), docs: new Map(), files: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--crd') opts.crd = argv[++i];
    else if (a === '--flink-versions') opts.flinkVersions = argv[++i].split(',').filter(Boolean);
    else if (a === '--external') opts.external.add(argv[++i]);
    else if (a === '--doc') {
      const [file, docs] = argv[++i].split('=');
      opts.docs.set(file, docs.split(',').map((doc) => readFileSync(doc, 'utf8')).join('\n'));
    }
    else if (a.startsWith('--')) throw new Error(`unknown option ${a}`);
    else opts.files.push(a);
  }
  if (!opts.crd || opts.files.length === 0) {
    throw new Error('usage: check-manifests.mjs --crd CRD.yml [--flink-versions v2_0,...] [--external NAME]... FILE...');
  }
  return opts;
}

function loadYamlDocs(file) {
  const docs = [];
  for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
    if (doc.errors.length) throw new Error(`${file}: ${doc.errors[0].message}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) docs.push(value);
  }
  return docs;
}

// Kubernetes prunes unknown fields of a CRD object, and kubectl's strict field validation
// refuses them: treat every object schema that lists its properties as closed.
function closeSchema(schema) {
  if (Array.isArray(schema)) return schema.map(closeSchema);
  if (schema === null || typeof schema !== 'object') return schema;
  const out = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-kubernetes-')) continue;
    out[k] = k === 'enum' ? v : closeSchema(v);
  }
  if (out.properties && !('additionalProperties' in out) && !schema['x-kubernetes-preserve-unknown-fields']) {
    out.additionalProperties = false;
  }
  if (schema['x-kubernetes-int-or-string']) {
    delete out.type;
    out.anyOf = [{ type: 'integer' }, { type: 'string' }];
  }
  return out;
}

function crdValidators(crdFile, extraFlinkVersions) {
  const crd = loadYamlDocs(crdFile).find((d) => d.kind === 'CustomResourceDefinition');
  if (!crd) throw new Error(`${crdFile}: no CustomResourceDefinition`);
  const ajv = new Ajv({ allErrors: true, strict: false });
  const validators = new Map();
  for (const version of crd.spec.versions) {
    const schema = closeSchema(version.schema.openAPIV3Schema);
    // the API server owns the root's type and object metadata; CRDs do not describe them
    schema.properties = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      ...schema.properties,
    };
    schema.required = [...new Set([...(schema.required ?? []), 'spec'])];
    // newer operator releases extend the flinkVersion enum; the pinned CRD predates them
    const flinkVersion = schema.properties?.spec?.properties?.flinkVersion;
    if (flinkVersion?.enum) flinkVersion.enum = [...flinkVersion.enum, ...extraFlinkVersions];
    validators.set(`${crd.spec.group}/${version.name}`, ajv.compile(schema));
  }
  return { kind: crd.spec.names.kind, validators };
}

async function builtInModel(apiVersion, kind) {
  let mod;
  try {
    mod = await import(`kubernetes-models/${apiVersion}`);
  } catch {
    return null;
  }
  return mod[kind] ?? null;
}

function podSpecOf(obj) {
  switch (obj.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'Job':
      return [{ where: 'spec.template.spec', spec: obj.spec?.template?.spec }];
    case 'FlinkDeployment': {
      const specs = [{ where: 'spec.podTemplate.spec', spec: obj.spec?.podTemplate?.spec }];
      for (const role of ['jobManager', 'taskManager']) {
        const spec = obj.spec?.[role]?.podTemplate?.spec;
        if (spec) specs.push({ where: `spec.${role}.podTemplate.spec`, spec, mergedWith: obj.spec?.podTemplate?.spec });
      }
      return specs.filter((s) => s.spec);
    }
    default:
      return [];
  }
}

function checkReferences(objects, external) {
  const errors = [];
  const names = (kind) => new Set(objects.filter((o) => o.kind === kind).map((o) => o.metadata?.name));
  const configMaps = names('ConfigMap');
  const secrets = names('Secret');
  const claims = names('PersistentVolumeClaim');
  const exists = (set, name) => set.has(name) || external.has(name);

  for (const obj of objects) {
    const id = `${obj.kind}/${obj.metadata?.name}`;
    for (const { where, spec, mergedWith } of podSpecOf(obj)) {
      // the operator merges role pod templates into the common one: volumes may come from either
      const volumes = new Set([...(spec.volumes ?? []), ...(mergedWith?.volumes ?? [])].map((v) => v.name));
      for (const v of spec.volumes ?? []) {
        if (v.configMap && !exists(configMaps, v.configMap.name) && !v.configMap.optional) {
          errors.push(`${id} ${where}: volume ${v.name} uses ConfigMap ${v.configMap.name}, which the release does not create`);
        }
        if (v.secret && !exists(secrets, v.secret.secretName) && !v.secret.optional) {
          errors.push(`${id} ${where}: volume ${v.name} uses Secret ${v.secret.secretName}, which the release does not create`);
        }
        if (v.persistentVolumeClaim && !exists(claims, v.persistentVolumeClaim.claimName)) {
          errors.push(`${id} ${where}: volume ${v.name} uses claim ${v.persistentVolumeClaim.claimName}, which the release does not create`);
        }
      }
      for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
        for (const m of c.volumeMounts ?? []) {
          if (!volumes.has(m.name)) errors.push(`${id} ${where}: container ${c.name} mounts undeclared volume ${m.name}`);
        }
        for (const e of c.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
          if (!ref || ref.optional) continue;
          const set = e.valueFrom.secretKeyRef ? secrets : configMaps;
          if (!exists(set, ref.name)) errors.push(`${id} ${where}: env ${e.name} refers to ${ref.name}, which the release does not create`);
        }
      }
    }
    if (['Deployment', 'StatefulSet', 'DaemonSet'].includes(obj.kind)) {
      const selector = obj.spec?.selector?.matchLabels ?? {};
      const labels = obj.spec?.template?.metadata?.labels ?? {};
      for (const [k, v] of Object.entries(selector)) {
        if (labels[k] !== v) errors.push(`${id}: selector ${k}=${v} does not match the pod template's labels`);
      }
    }
    if (obj.kind === 'Service' && obj.spec?.selector) {
      const selector = Object.entries(obj.spec.selector);
      const selected = objects.some((o) => {
        const labels = o.spec?.template?.metadata?.labels;
        return labels && selector.every(([k, v]) => labels[k] === v);
      });
      if (!selected) errors.push(`${id}: selector matches no pod template of the release`);
    }
  }
  return errors;
}

// A key is documented when the doc names it in backticks, or names a `prefix.*` it starts with.
function documentedKeys(doc) {
  const names = new Set([...doc.matchAll(/`([a-z0-9.*-]+)`/g)].map((m) => m[1]));
  const prefixes = [...names].filter((n) => n.endsWith('.*')).map((n) => n.slice(0, -1));
  return (key) => names.has(key) || prefixes.some((prefix) => key.startsWith(prefix));
}

function checkPropertyKeys(objects, docs) {
  const errors = [];
  for (const [file, doc] of docs) {
    const documented = documentedKeys(doc);
    for (const obj of objects) {
      const properties = obj.kind === 'ConfigMap' ? obj.data?.[file] : undefined;
      if (properties === undefined) continue;
      for (const line of properties.split('\n')) {
        const key = line.match(/^([^#!\s][^=]*)=/)?.[1]?.trim();
        if (key && !documented(key)) errors.push(`ConfigMap/${obj.metadata.name}: ${file} sets undocumented key ${key}`);
      }
    }
  }
  return errors;
}

function formatAjvErrors(errors) {
  return errors
    .slice(0, 10)
    .map((e) => `${e.instancePath || '/'} ${e.message}${e.params?.additionalProperty ? ` (${e.params.additionalProperty})` : ''}${e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`)
    .join('; ');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const crd = crdValidators(opts.crd, opts.flinkVersions);
  let failures = 0;
  for (const file of opts.files) {
    const objects = loadYamlDocs(file);
    const errors = objects.length ? [] : ['no objects rendered'];
    const counts = {};
    for (const obj of objects) {
      const id = `${obj.kind}/${obj.metadata?.name}`;
      if (!obj.apiVersion || !obj.kind || !obj.metadata?.name) {
        errors.push(`${id}: apiVersion, kind and metadata.name are required`);
        continue;
      }
      counts[obj.kind] = (counts[obj.kind] ?? 0) + 1;
      if (obj.kind === crd.kind) {
        const validate = crd.validators.get(obj.apiVersion);
        if (!validate) errors.push(`${id}: the CRD has no version ${obj.apiVersion}`);
        else if (!validate(obj)) errors.push(`${id}: ${formatAjvErrors(validate.errors)}`);
        continue;
      }
      const Model = await builtInModel(obj.apiVersion, obj.kind);
      if (!Model) {
        errors.push(`${id}: no schema for ${obj.apiVersion} ${obj.kind}`);
        continue;
      }
      try {
        new Model(obj).validate();
      } catch (e) {
        errors.push(`${id}: ${e.message}`);
      }
    }
    errors.push(...checkReferences(objects, opts.external));
    errors.push(...checkPropertyKeys(objects, opts.docs));
    const summary = Object.entries(counts).map(([k, n]) => `${n} ${k}`).join(', ');
    if (errors.length) {
      failures += errors.length;
      console.log(`FAIL ${file.split("/").pop()} (${summary})`);
      for (const e of errors) console.log(`  - ${e}`);
    } else {
      console.log(`ok   ${file.split("/").pop()}: ${objects.length} objects valid (${summary})`);
    }
  }
  process.exitCode = failures ? 1 : 0;
}

main().catch((e) => {
  console.error(`check-manifests: ${e.message}`);
  process.exitCode = 2;
});
