'use client'

import { Line, LineChart, YAxis } from 'recharts'

type LagSparklineProps = {
  points: { t: number; totalLag: string }[]
  width?: number
  height?: number
  className?: string
}

/** Total lag over the last hour as a tiny line, no axes; fixed size so a long table does not measure every row. */
export function LagSparkline({ points, width = 80, height = 20, className }: LagSparklineProps) {
  if (points.length < 2)
    return <span className="inline-block text-xs text-muted" style={{ width }} aria-hidden="true" />
  const data = points.map((p) => ({ t: p.t, lag: Number(p.totalLag) }))
  const last = data.at(-1)?.lag ?? 0
  const rising = last > (data[0]?.lag ?? 0)
  return (
    <span
      className={className}
      role="img"
      aria-label={`Lag over the last hour, ${rising ? 'rising' : 'not rising'}`}
      data-testid="lag-sparkline"
    >
      <LineChart width={width} height={height} data={data} margin={{ top: 2, right: 1, bottom: 2, left: 1 }}>
        <YAxis hide domain={[0, 'dataMax']} />
        <Line
          dataKey="lag"
          type="linear"
          stroke={rising ? 'var(--warning)' : 'var(--muted)'}
          strokeWidth={1.25}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </span>
  )
}
