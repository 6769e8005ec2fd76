// The state file of `verify --since`: per table, where the last run ended (creation time and key)
// and the bursts already reported, so the next run reads only what arrived and alerts once. JSON,
// versioned, written atomically (a temporary file renamed over it) and only after a run that read
// everything it judged. It holds table names, instants and keys: never the URL or a credential.
import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import type { DialectId } from './dialects/types.js'
import { CONTEXT, type ReportedSpan, type Since, type Watermark } from './since.js'
import type { VerifyResult } from './types.js'

export const STATE_VERSION = 1

interface StoredTable {
  /** ISO time of the latest creation time seen */
  created?: string
  /** the key of the latest row, as decimal text */
  id?: string
  reported?: Array<{ check: string; from: string; to: string }>
}

export interface VerifyState {
  version: typeof STATE_VERSION
  dialect: DialectId
  /** when the run that wrote it read its snapshot */
  written: string
  tables: Record<string, StoredTable>
}

/** A state file that cannot be read or is not one: the run stops (exit 2) rather than read everything or nothing. */
export class StateError extends Error {
  override name = 'StateError'
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/

/** `--since` as an instant when it is an ISO-8601 time with a zone, else undefined (a state file) */
export function parseInstant(text: string): number | undefined {
  if (!ISO.test(text)) return undefined
  const ms = Date.parse(text)
  return Number.isFinite(ms) ? ms : undefined
}

export function readState(file: string): VerifyState {
  let data: unknown
  try {
    data = JSON.parse(readFileSync(file, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new StateError(code === 'ENOENT' ? `no state file ${file} (--since takes an ISO time such as 2026-11-20T00:00:00Z, or a file a run with --state wrote)` : `cannot read state file ${file}: ${(error as Error).message.split('\n')[0]}`)
  }
  const state = data as Partial<VerifyState> | null
  if (!state || typeof state !== 'object' || state.version !== STATE_VERSION || typeof state.tables !== 'object' || state.tables === null) {
    throw new StateError(`${file} is not a seedguard state file of version ${STATE_VERSION}`)
  }
  for (const [name, table] of Object.entries(state.tables)) {
    // the key goes into SQL: only digits pass
    const bad = (table.created !== undefined && parseInstant(table.created) === undefined) || (table.id !== undefined && !/^-?\d{1,40}$/.test(table.id)) ||
      (table.reported ?? []).some((r) => typeof r.check !== 'string' || parseInstant(r.from) === undefined || parseInstant(r.to) === undefined)
    if (bad) throw new StateError(`${file}: table ${name} has a malformed watermark`)
  }
  return state as VerifyState
}

/** The watermarks and memory a state holds, for runVerify */
export function sinceOf(state: VerifyState | undefined, time?: number): Since {
  const tables: Since['tables'] = {}
  for (const [name, t] of Object.entries(state?.tables ?? {})) {
    const after: Watermark = { ...(t.created ? { time: parseInstant(t.created)! } : {}), ...(t.id ? { id: t.id } : {}) }
    tables[name] = { ...(time === undefined ? { after } : {}), reported: (t.reported ?? []).map((r) => ({ check: r.check, first: parseInstant(r.from)!, last: parseInstant(r.to)! })) }
  }
  return { tables, ...(time === undefined ? {} : { time }) }
}

/**
 * The state after `result`: its watermarks, and the bursts reported so far that a later run could
 * still see (those within the context window before the new watermark), with this run's added.
 */
export function nextState(result: VerifyResult, previous: Since | undefined, now: Date): VerifyState {
  const tables: Record<string, StoredTable> = {}
  const iso = (ms: number) => new Date(ms).toISOString()
  for (const [name, mark] of Object.entries(result.watermarks ?? {})) {
    const fresh: ReportedSpan[] = result.indicators
      .filter((i) => i.table === name && i.severity !== 'info')
      .flatMap((i) => (i.spans ?? []).map(([first, last]) => ({ check: i.check, first, last })))
    const horizon = (mark.time ?? Infinity) - CONTEXT
    const kept = [...(previous?.tables[name]?.reported ?? []).filter((r) => r.last >= horizon), ...fresh]
    tables[name] = {
      ...(mark.time !== undefined ? { created: iso(mark.time) } : {}),
      ...(mark.id !== undefined ? { id: mark.id } : {}),
      ...(kept.length ? { reported: kept.map((r) => ({ check: r.check, from: iso(r.first), to: iso(r.last) })) } : {}),
    }
  }
  return { version: STATE_VERSION, dialect: result.dialect, written: now.toISOString(), tables }
}

/**
 * The state after the run, written when it read every table it judges (clean or seeded); a run
 * that could not read a table leaves the previous state, so the next one reads those rows again.
 */
export function recordRun(file: string, result: VerifyResult, previous: Since | undefined): boolean {
  if ((result.verdict !== 'clean' && result.verdict !== 'seeded') || result.unchecked.length) return false
  writeState(file, nextState(result, previous, new Date()))
  return true
}

/** Written whole or not at all: a crash leaves the previous state, never half of one. */
function writeState(file: string, state: VerifyState): void {
  const temporary = `${file}.${process.pid}.tmp`
  writeFileSync(temporary, `${JSON.stringify(state, null, 2)}\n`)
  renameSync(temporary, file)
}
