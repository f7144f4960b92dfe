// Pure: Prometheus text exposition format (version 0.0.4). One family per metric name, HELP and TYPE first.

export type Labels = Record<string, string | number>
export type Sample = { labels: Labels; value: number | bigint | string }
export type MetricFamily = { name: string; help: string; type: 'gauge' | 'counter'; samples: Sample[] }

/** The families as Prometheus scrapes them. Families without samples are left out. */
export function renderPrometheusText(families: MetricFamily[]): string {
  const lines: string[] = []
  for (const f of families) {
    if (f.samples.length === 0) continue
    lines.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`)
    for (const s of f.samples) lines.push(`${f.name}${renderLabels(s.labels)} ${renderValue(s.value)}`)
  }
  return `${lines.join('\n')}\n`
}

function renderLabels(labels: Labels): string {
  const entries = Object.entries(labels)
  if (entries.length === 0) return ''
  return `{${entries.map(([k, v]) => `${k}="${escapeLabel(String(v))}"`).join(',')}}`
}

/** int64 offsets and lags stay exact as decimal text; NaN and infinities in Prometheus' spelling. */
function renderValue(v: number | bigint | string): string {
  if (typeof v === 'bigint' || typeof v === 'string') return String(v)
  if (Number.isNaN(v)) return 'NaN'
  if (v === Number.POSITIVE_INFINITY) return '+Inf'
  if (v === Number.NEGATIVE_INFINITY) return '-Inf'
  return String(v)
}

function escapeLabel(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"')
}

function escapeHelp(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\n/g, '\\n')
}
