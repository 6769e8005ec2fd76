// The arrivals picture (picture.ts) drawn: a Mermaid bar chart per table for Markdown (job
// summaries and issues render it; https://mermaid.js.org/syntax/xyChart.html), a sparkline per
// table for the terminal. Bars that hold a flagged burst are red in the chart and marked ^ below
// the sparkline.
import { HOUR } from '../arrivals.js'
import { formatCount } from '../format.js'
import type { TableArrivals } from '../picture.js'

const BLOCKS = '▁▂▃▄▅▆▇█'
const DAY = 24 * HOUR

/** `per hour`, `per 6 hours`, `per day`, `per week` */
function perBar(width: number): string {
  if (width === 7 * DAY) return 'per week'
  if (width === DAY) return 'per day'
  return width === HOUR ? 'per hour' : `per ${width / HOUR} hours`
}

/** `2026-11-19 14:00` (UTC) */
const instant = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ')

/** a bar's label: the hour where bars are narrower than a day, the date otherwise */
const label = (ms: number, width: number) => (width < DAY ? `${instant(ms).slice(5, 13)}h` : instant(ms).slice(5, 10))

function span(a: TableArrivals): string {
  return `${instant(a.from)} → ${instant(a.from + a.counts.length * a.width)} UTC`
}

/** One sparkline a table (blank: no rows that hour), its window and peak, and ^ under flagged bars. */
export function renderSparklines(arrivals: readonly TableArrivals[]): string[] {
  if (arrivals.length === 0) return []
  const width = Math.max(...arrivals.map((a) => a.table.length))
  const lines = ['arrivals (│ bars │, ^ a flagged burst):']
  for (const a of arrivals) {
    const peak = Math.max(...a.counts)
    const bars = a.counts.map((n) => (n === 0 ? ' ' : BLOCKS[Math.min(BLOCKS.length - 1, Math.ceil((n / peak) * BLOCKS.length) - 1)]!)).join('')
    lines.push(`  ${a.table.padEnd(width)} │${bars}│ rows ${perBar(a.width)}, ${span(a)}, peak ${formatCount(peak)}`)
    if (a.flagged.some(Boolean)) lines.push(`  ${' '.repeat(width)}  ${a.flagged.map((f) => (f ? '^' : ' ')).join('').trimEnd()}`)
  }
  return lines
}

/** A fenced Mermaid xychart a table: rows per bar, and the flagged bars again in red over them. */
export function renderMermaid(a: TableArrivals): string[] {
  const peak = Math.max(1, ...a.counts)
  const quote = (text: string) => `"${text.replace(/"/g, "'")}"`
  const flagged = a.counts.map((n, i) => (a.flagged[i] ? n : 0))
  return [
    '```mermaid',
    '---',
    'config:',
    '  themeVariables:',
    '    xyChart:',
    '      plotColorPalette: "#8da0b6, #d62728"',
    '---',
    'xychart-beta',
    `    title ${quote(`${a.table}: rows ${perBar(a.width)}, ${span(a)}${a.flagged.some(Boolean) ? ', flagged bursts in red' : ''}`)}`,
    `    x-axis [${a.counts.map((_, i) => quote(label(a.from + i * a.width, a.width))).join(', ')}]`,
    `    y-axis "rows" 0 --> ${peak}`,
    `    bar [${a.counts.join(', ')}]`,
    ...(a.flagged.some(Boolean) ? [`    bar [${flagged.join(', ')}]`] : []),
    '```',
  ]
}
