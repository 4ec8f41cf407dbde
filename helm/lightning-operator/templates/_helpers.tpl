{{- define "lightning.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "lightning.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "lightning.selector" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "lightning.serviceAccountName" -}}
{{- default (include "lightning.fullname" .) .Values.serviceAccount.name -}}
{{- end -}}

{{- define "lightning.keysSecret" -}}
{{- default (printf "%s-keys" (include "lightning.fullname" .)) .Values.keys.existingSecret -}}
{{- end -}}

{{- define "lightning.databaseSecret" -}}
{{- if and (eq .Values.database.mode "external") .Values.database.external.existingSecret -}}
{{- .Values.database.external.existingSecret -}}
{{- else -}}
{{- printf "%s-database" (include "lightning.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "lightning.databaseKey" -}}
{{- if eq .Values.database.mode "external" -}}{{ .Values.database.external.secretKey }}{{- else -}}DATABASE_URL{{- end -}}
{{- end -}}

{{- define "lightning.serviceUrl" -}}
{{- printf "%s.%s.svc:%d" (include "lightning.fullname" .) .Release.Namespace (int .Values.service.port) -}}
{{- end -}}

{{- define "lightning.publicUrl" -}}
{{- if .Values.operator.publicUrl -}}
{{- .Values.operator.publicUrl | trimSuffix "/" -}}
{{- else if .Values.ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host -}}
{{- else -}}
{{- printf "http://%s" (include "lightning.serviceUrl" .) -}}
{{- end -}}
{{- end -}}

{{- define "lightning.image" -}}
{{- printf "%s:%s" .image.repository (default .appVersion .image.tag) -}}
{{- end -}}
