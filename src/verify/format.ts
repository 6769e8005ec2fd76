/** 2026-11-08T14:32:07.118Z */
export function formatInstant(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString() : String(ms)
}

/** 199 ms, 14.9 s, 12 min, 3.5 h */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
  if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`
  return `${(ms / 3_600_000).toFixed(1)} h`
}

/** 1,234 (en-US grouping whatever the locale, so outputs stay comparable) */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US')
}

/** 0.0003, 0.02, 1.4, 37: enough digits to read an expectation */
export function formatExpected(x: number): string {
  if (x === 0) return '0'
  if (x < 0.001) return x.toExponential(0)
  if (x < 10) return String(Number(x.toPrecision(2)))
  return formatCount(Math.round(x))
}

const BATCHES = [10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000]

/** A round batch size close to `excess` rows (seed scripts loop to 10, 25, 50, 100), or undefined */
export function batchHint(excess: number): number | undefined {
  return BATCHES.find((b) => Math.abs(excess - b) <= Math.max(1, b * 0.03))
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`
}
