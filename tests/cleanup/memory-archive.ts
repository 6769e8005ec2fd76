// A test-only archive: the rows in memory, and a codec that reads plain columns. The real writer
// and codecs are the archive module's; cleanup only depends on their contract.
import type { ArchivedTable, ArchiveHeader, ArchiveWriter, JsonValue, RowCodec } from '../../src/cleanup/archive/types.js'
import type { SqlDialect } from '../../src/verify/dialects/types.js'

export class MemoryArchive implements ArchiveWriter {
  readonly sections: Array<{ table: ArchivedTable; rows: unknown[][] }> = []
  state: 'open' | 'finished' | 'aborted' = 'open'
  private written = 0

  /** `failAt`: the row (from 1) whose write throws, as a full disk would */
  constructor(
    readonly header: ArchiveHeader,
    private readonly failAt?: number,
  ) {}

  async table(table: ArchivedTable): Promise<void> {
    this.sections.push({ table, rows: [] })
  }

  async row(values: readonly unknown[]): Promise<void> {
    if (++this.written === this.failAt) throw new Error(`no space left on device (row ${this.written})`)
    this.sections[this.sections.length - 1]!.rows.push([...values])
  }

  async finish(): Promise<void> {
    this.state = 'finished'
  }

  async abort(): Promise<void> {
    this.state = 'aborted'
  }

  /** the archived keys of a table's deleted rows */
  ids(display: string): number[] {
    const section = this.sections.find((s) => s.table.display === display && s.table.action === 'delete')
    if (!section) return []
    const at = section.table.columns.findIndex((c) => c.name === 'id')
    return section.rows.map((r) => Number(r[at])).sort((a, b) => a - b)
  }
}

/** every column as the driver reads it; dates as ISO text */
export function plainCodec(sql: SqlDialect): RowCodec {
  return {
    selectList: (columns) => columns.map((c, i) => `${sql.quote(c.name)} AS ${sql.quote(`a${i}`)}`).join(', '),
    encode: (value): JsonValue => (value instanceof Date ? value.toISOString() : typeof value === 'bigint' ? String(value) : (value as JsonValue)),
    decode: (value) => value,
    placeholder: () => '?',
  }
}
