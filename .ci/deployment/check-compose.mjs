// Static checks of the compose stack beyond `docker-compose config`, which validates only the
// compose file's own shape: the files it builds from and mounts, the Dockerfile targets, the
// Prometheus scrape targets, the Grafana provisioning and dashboard, and the job's and the
// retrainer's configuration against their documented keys. Usage: node check-compose.mjs REPO_ROOT
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

const root = process.argv[2];
if (!root) {
  console.error('usage: check-compose.mjs REPO_ROOT');
  process.exit(2);
}
const errors = [];
const read = (path) => readFileSync(join(root, path), 'utf8');
const METRIC_PREFIX = 'flink_taskmanager_job_task_operator_streamnlp_';

const compose = parse(read('docker-compose.yml'));
const services = compose.services ?? {};

// Builds: the Dockerfile exists, names the target, and its COPY sources exist in the context.
const dockerfiles = new Map();
for (const [name, svc] of Object.entries(services)) {
  if (!svc.build) continue;
  const context = svc.build.context ?? '.';
  const dockerfile = join(context, svc.build.dockerfile ?? 'Dockerfile');
  if (!existsSync(join(root, dockerfile))) {
    errors.push(`service ${name}: Dockerfile ${dockerfile} does not exist`);
    continue;
  }
  if (!dockerfiles.has(dockerfile)) {
    const text = read(dockerfile);
    const stages = new Set([...text.matchAll(/^FROM\s+\S+\s+AS\s+(\S+)/gim)].map((m) => m[1]));
    for (const m of text.matchAll(/^COPY\s+(?!.*--from=)(?:--\S+\s+)*(.+)$/gim)) {
      const parts = m[1].trim().split(/\s+/);
      for (const src of parts.slice(0, -1)) {
        if (!existsSync(join(root, context, src))) errors.push(`${dockerfile}: COPY source ${src} does not exist`);
      }
    }
    dockerfiles.set(dockerfile, stages);
  }
  if (svc.build.target && !dockerfiles.get(dockerfile).has(svc.build.target)) {
    errors.push(`service ${name}: ${dockerfile} has no stage ${svc.build.target}`);
  }
}

// Bind mounts: every host path the stack mounts is in the repository.
for (const [name, svc] of Object.entries(services)) {
  for (const volume of svc.volumes ?? []) {
    const source = typeof volume === 'string' ? volume.split(':')[0] : volume.source;
    if (source?.startsWith('./') && !existsSync(join(root, source))) {
      errors.push(`service ${name}: mounted path ${source} does not exist`);
    }
  }
  for (const dep of Object.keys(svc.depends_on ?? {})) {
    if (!services[dep]) errors.push(`service ${name}: depends on unknown service ${dep}`);
  }
}

// Prometheus scrapes services of the stack, on the reporter port Flink is configured with.
const flinkConfig = parse(read('docker/flink/config.yaml'));
const reporterPort = flinkConfig.metrics?.reporter?.prom?.port;
const prometheus = parse(read('docker/prometheus/prometheus.yml'));
for (const job of prometheus.scrape_configs ?? []) {
  const targets = [
    ...(job.static_configs ?? []).flatMap((c) => c.targets ?? []),
    ...(job.dns_sd_configs ?? []).flatMap((c) => (c.names ?? []).map((n) => `${n}:${c.port}`)),
  ];
  for (const target of targets) {
    const [host, port] = target.split(':');
    if (!services[host]) errors.push(`prometheus job ${job.job_name}: ${host} is not a compose service`);
    if (Number(port) !== reporterPort) errors.push(`prometheus job ${job.job_name}: port ${port} is not Flink's reporter port ${reporterPort}`);
  }
}

// Flink: the reporter and the parent-first inference packages, the same in compose and Helm.
const patterns = flinkConfig.classloader?.['parent-first-patterns']?.additional ?? [];
for (const required of ['ai.djl.', 'ai.onnxruntime.']) {
  if (!patterns.includes(required)) errors.push(`docker/flink/config.yaml: ${required} is not loaded parent-first`);
}
if (flinkConfig.metrics?.reporter?.prom?.['factory.class'] !== 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory') {
  errors.push('docker/flink/config.yaml: the Prometheus reporter is not configured');
}
const helmFlink = read('helm/streamnlp/templates/flinkdeployment.yaml');
const helmPatterns = helmFlink.match(/classloader\.parent-first-patterns\.additional:\s*"([^"]*)"/)?.[1]?.split(';') ?? [];
if (helmPatterns.join(';') !== patterns.join(';')) {
  errors.push(`parent-first patterns differ: compose [${patterns}] vs Helm [${helmPatterns}]`);
}

// Grafana: the dashboard uses the provisioned datasource and only documented metrics.
const datasources = parse(read('docker/grafana/provisioning/datasources/prometheus.yml')).datasources ?? [];
const uids = new Set(datasources.map((d) => d.uid));
const dashboard = JSON.parse(read('docker/grafana/dashboards/streamnlp.json'));
const deploymentDoc = existsSync(join(root, 'docs/deployment.md')) ? read('docs/deployment.md') : '';
for (const panel of dashboard.panels ?? []) {
  if (!uids.has(panel.datasource?.uid)) errors.push(`dashboard panel "${panel.title}": datasource ${panel.datasource?.uid} is not provisioned`);
  for (const target of panel.targets ?? []) {
    const metrics = target.expr?.match(new RegExp(`${METRIC_PREFIX}[a-z0-9_]*[a-z0-9]`, 'g')) ?? [];
    if (metrics.length === 0) errors.push(`dashboard panel "${panel.title}": no StreamNLP metric in ${target.expr}`);
    for (const metric of metrics) {
      if (!deploymentDoc.includes(metric)) errors.push(`dashboard panel "${panel.title}": ${metric} is not listed in docs/deployment.md`);
    }
  }
}

// The job, the retrainer and the console refuse unknown keys: every key the stack sets must be documented.
const documentedKeys = (doc) => {
  const names = new Set([...doc.matchAll(/`([a-z0-9.*-]+)`/g)].map((m) => m[1]));
  const prefixes = [...names].filter((n) => n.endsWith('.*')).map((n) => n.slice(0, -1));
  return (key) => names.has(key) || prefixes.some((prefix) => key.startsWith(prefix));
};
// shared options (Kafka, registries, inference.*) are documented once, in docs/configuration.md
for (const [file, docFile] of [['docker/streamnlp/job.properties', 'docs/flink-job.md'],
                               ['docker/streamnlp/retrainer.properties', 'docs/retraining.md'],
                               ['docker/streamnlp/console.properties', 'docs/console.md']]) {
  if (!existsSync(join(root, docFile))) continue;
  const documented = documentedKeys(read(docFile) + '\n' + read('docs/configuration.md'));
  for (const line of read(file).split('\n')) {
    const key = line.match(/^([^#!\s][^=]*)=/)?.[1]?.trim();
    if (key && !documented(key)) errors.push(`${file}: ${key} is not a documented key (${docFile}, docs/configuration.md)`);
  }
}

if (errors.length) {
  const distinct = [...new Set(errors)];
  console.log(`FAIL compose stack (${distinct.length} problems)`);
  for (const e of distinct) console.log(`  - ${e}`);
  process.exitCode = 1;
} else {
  console.log(`ok   compose stack: ${Object.keys(services).length} services, ${dockerfiles.size} Dockerfile, Prometheus, Grafana and configuration keys consistent`);
}
