import { createReadStream } from 'node:fs'
import { createInterface } from 'node:readline'
import { ArchiveError, FORMAT, VERSION, type EndLine, type SectionLine } from './format.js'
import type { ArchivedTable, ArchiveHeader, JsonValue } from './types.js'

export type ArchiveEntry =
  | { kind: 'header'; header: ArchiveHeader }
  | { kind: 'section'; index: number; section: ArchivedTable }
  | { kind: 'row'; section: number; values: JsonValue[] }
  | { kind: 'end'; rows: number[] }

export interface ReadOptions {
  /** yield the rows of this section only (by index); the others are counted, not parsed */
  section?: number
}

/**
 * The archive at `path`, line by line: the header, each section followed by its rows, the end.
 * Streams: memory is flat in the number of rows. Throws ArchiveError on a file that is not an
 * archive, is damaged, or was cut short ("archive is truncated"), at the point it finds out: a
 * caller that must not act on part of a file reads it through once first (inspectArchive).
 */
export async function* readArchive(path: string, options: ReadOptions = {}): AsyncGenerator<ArchiveEntry> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity })
  let number = 0
  const sections: ArchivedTable[] = []
  const counts: number[] = []
  let ended = false
  const where = () => `${path}:${number}`
  const parse = (line: string): unknown => {
    try {
      return JSON.parse(line)
    } catch {
      // a line cut in the middle is what a file cut short ends with
      throw new ArchiveError(`archive is truncated or damaged: ${where()} is not a complete JSON line`)
    }
  }
  try {
    for await (const line of lines) {
      number += 1
      if (ended) throw new ArchiveError(`archive is damaged: ${where()} follows the end line`)
      if (number === 1) {
        yield { kind: 'header', header: headerOf(parse(line), path) }
        continue
      }
      if (line.startsWith('[')) {
        const current = sections.length - 1
        if (current < 0) throw new ArchiveError(`archive is damaged: ${where()} is a row before any section`)
        counts[current]! += 1
        if (options.section !== undefined && options.section !== current) continue
        const values = parse(line)
        const { columns, display } = sections[current]!
        if (!Array.isArray(values) || values.length !== columns.length) throw new ArchiveError(`archive is damaged: ${where()} is not a row of ${display}'s ${columns.length} columns`)
        yield { kind: 'row', section: current, values: values as JsonValue[] }
        continue
      }
      const entry = parse(line) as Partial<SectionLine & EndLine> | null
      if (entry && typeof entry === 'object' && 'section' in entry) {
        const section = sectionOf(entry.section, where())
        sections.push(section)
        counts.push(0)
        yield { kind: 'section', index: sections.length - 1, section }
      } else if (entry && typeof entry === 'object' && 'end' in entry) {
        checkEnd(entry.end, counts, sections, path)
        ended = true
        yield { kind: 'end', rows: counts }
      } else {
        throw new ArchiveError(`archive is damaged: ${where()} is neither a section, a row nor the end`)
      }
    }
  } finally {
    lines.close()
  }
  if (number === 0) throw new ArchiveError(`${path} is empty: not a seedguard archive`)
  if (!ended) throw new ArchiveError(`archive is truncated: ${path} has no end line (${counts.reduce((a, b) => a + b, 0)} rows in ${sections.length} sections read): it was cut short, restore refuses it whole`)
}

export interface ArchiveSummary {
  header: ArchiveHeader
  sections: ArchivedTable[]
  /** each section's row count */
  rows: number[]
}

/** Reads the whole archive through, checking every line and the end's counts: what a restore may then act on. */
export async function inspectArchive(path: string): Promise<ArchiveSummary> {
  let header: ArchiveHeader | undefined
  const sections: ArchivedTable[] = []
  let rows: number[] = []
  for await (const entry of readArchive(path)) {
    if (entry.kind === 'header') header = entry.header
    else if (entry.kind === 'section') sections.push(entry.section)
    else if (entry.kind === 'end') rows = entry.rows
  }
  return { header: header!, sections, rows }
}

function headerOf(value: unknown, path: string): ArchiveHeader {
  const header = value as Partial<ArchiveHeader> | null
  if (!header || typeof header !== 'object' || header.format !== FORMAT) throw new ArchiveError(`${path} is not a seedguard archive (its first line is no archive header)`)
  if (header.version !== VERSION) throw new ArchiveError(`${path} is a version ${String(header.version)} archive; this seedguard reads version ${VERSION}`)
  if (!['postgres', 'pglite', 'mysql', 'sqlite'].includes(String(header.dialect))) throw new ArchiveError(`${path}: unknown dialect ${String(header.dialect)} in the header`)
  return header as ArchiveHeader
}

function sectionOf(value: unknown, where: string): ArchivedTable {
  const section = value as Partial<ArchivedTable> | null
  const columns = Array.isArray(section?.columns) ? section.columns : undefined
  const names = new Set(columns?.map((c) => c?.name))
  const valid =
    typeof section?.table?.name === 'string' &&
    typeof section.display === 'string' &&
    (section.action === 'delete' || section.action === 'set-null') &&
    columns !== undefined &&
    columns.every((c) => typeof c?.name === 'string' && typeof c.type === 'string') &&
    Array.isArray(section.key) &&
    section.key.length > 0 &&
    section.key.every((k) => names.has(k))
  if (!valid) throw new ArchiveError(`archive is damaged: ${where} is not a valid section (table, display, action, columns, key among the columns)`)
  return section as ArchivedTable
}

function checkEnd(end: EndLine['end'] | undefined, counts: number[], sections: ArchivedTable[], path: string): void {
  const declared = Array.isArray(end?.rows) ? end.rows : undefined
  if (!declared || declared.length !== counts.length) {
    throw new ArchiveError(`archive is truncated: ${path}'s end line counts ${declared?.length ?? 'no'} sections, the file holds ${counts.length}`)
  }
  const differs = counts.findIndex((n, i) => declared[i] !== n)
  if (differs >= 0) throw new ArchiveError(`archive is truncated: ${sections[differs]!.display} holds ${counts[differs]} rows in ${path}, its end line says ${declared[differs]}`)
}
