{{/* Chart name, truncated to the 63 characters Kubernetes allows in names. */}}
{{- define "streamnlp.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Release-qualified name; the release name alone when it already contains the chart name. */}}
{{- define "streamnlp.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "streamnlp.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels on every object; pass (dict "ctx" $ "component" "...") */}}
{{- define "streamnlp.labels" -}}
helm.sh/chart: {{ include "streamnlp.chart" .ctx }}
{{ include "streamnlp.selectorLabels" . }}
app.kubernetes.io/version: {{ .ctx.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .ctx.Release.Service }}
app.kubernetes.io/part-of: streamnlp
{{- end }}

{{- define "streamnlp.selectorLabels" -}}
app.kubernetes.io/name: {{ include "streamnlp.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The Flink job image: the job-gpu build when gpu.enabled. */}}
{{- define "streamnlp.jobImage" -}}
{{- $tag := default .Chart.AppVersion .Values.image.tag }}
{{- if .Values.gpu.enabled }}
{{- $tag = default (printf "%s-gpu" $tag) .Values.image.gpuTag }}
{{- end }}
{{- printf "%s:%s" .Values.image.repository $tag }}
{{- end }}

{{- define "streamnlp.cliImage" -}}
{{- printf "%s:%s" .Values.cliImage.repository (default .Chart.AppVersion .Values.cliImage.tag) }}
{{- end }}

{{- define "streamnlp.credentialsSecret" -}}
{{- default (printf "%s-credentials" (include "streamnlp.fullname" .)) .Values.credentials.existingSecret }}
{{- end }}

{{- define "streamnlp.modelRegistryUrl" -}}
{{- if .Values.modelRegistry.enabled }}
{{- printf "http://%s-model-registry:%d" (include "streamnlp.fullname" .) (int .Values.modelRegistry.port) }}
{{- else }}
{{- required "modelRegistry.externalUrl is required when modelRegistry.enabled is false" .Values.modelRegistry.externalUrl }}
{{- end }}
{{- end }}

{{/* Where checkpoints and savepoints go: explicit URIs, else the shared volume (or emptyDir). */}}
{{- define "streamnlp.checkpointDir" -}}
{{- default "file:///opt/flink/state/checkpoints" .Values.flink.storage.checkpointDir }}
{{- end }}

{{/* Whether checkpoints outlive their pods: a claim, or a checkpoint directory of the user's. */}}
{{- define "streamnlp.persistentState" -}}
{{- if or .Values.flink.storage.existingClaim .Values.flink.storage.checkpointDir }}true{{ end }}
{{- end }}

{{/* An explicit upgradeMode wins; otherwise keep state across upgrades whenever it is persistent. */}}
{{- define "streamnlp.upgradeMode" -}}
{{- if .Values.flink.upgradeMode }}{{ .Values.flink.upgradeMode }}
{{- else if include "streamnlp.persistentState" . }}last-state
{{- else }}stateless
{{- end }}
{{- end }}

{{- define "streamnlp.savepointDir" -}}
{{- default "file:///opt/flink/state/savepoints" .Values.flink.storage.savepointDir }}
{{- end }}

{{/* The Kafka client settings both applications share, as properties lines with a prefix. */}}
{{- define "streamnlp.kafkaProperties" -}}
kafka.bootstrap.servers={{ .Values.kafka.bootstrapServers }}
{{- range $k, $v := .Values.kafka.properties }}
kafka.properties.{{ $k }}={{ $v }}
{{- end }}
{{- if .Values.kafka.sasl.enabled }}
kafka.properties.security.protocol={{ .Values.kafka.sasl.securityProtocol }}
kafka.properties.sasl.mechanism={{ .Values.kafka.sasl.mechanism }}
{{- end }}
registry.url={{ .Values.schemaRegistry.url }}
model.registry.url={{ include "streamnlp.modelRegistryUrl" . }}
{{- end }}

{{/*
An init container that turns the credentials Secret into a properties file the applications read
with a second --config, so that no secret lands in a ConfigMap or on a command line.
Pass (dict "ctx" $ "image" "..." "pullPolicy" "...").
*/}}
{{- define "streamnlp.renderSecretsInitContainer" -}}
- name: render-secrets
  image: {{ .image }}
  imagePullPolicy: {{ .pullPolicy }}
  command: ["/bin/sh", "/opt/streamnlp/scripts/render-secrets.sh", "/opt/streamnlp/secrets/secrets.properties"]
  env:
    - name: KAFKA_SASL_ENABLED
      value: {{ .ctx.Values.kafka.sasl.enabled | quote }}
    - name: KAFKA_SASL_MECHANISM
      value: {{ .ctx.Values.kafka.sasl.mechanism | quote }}
    {{- range $env, $key := dict "KAFKA_SASL_USERNAME" "kafka-sasl-username" "KAFKA_SASL_PASSWORD" "kafka-sasl-password" "SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO" "schema-registry-basic-auth-user-info" "SCHEMA_REGISTRY_BEARER_TOKEN" "schema-registry-bearer-token" "MODEL_REGISTRY_TOKEN" "model-registry-token" }}
    - name: {{ $env }}
      valueFrom:
        secretKeyRef:
          name: {{ include "streamnlp.credentialsSecret" $.ctx }}
          key: {{ $key }}
          optional: true
    {{- end }}
  volumeMounts:
    - name: scripts
      mountPath: /opt/streamnlp/scripts
      readOnly: true
    - name: secrets
      mountPath: /opt/streamnlp/secrets
{{- end }}
