// The plan hash: sha256 over the options that chose the rows and, per affected table in the order
// the cleanup runs, every row's key and full content in key order, as the archive encodes them. The
// reviewed plan and the one --apply recomputes inside its transaction agree only if the data did.
import { createHash } from 'node:crypto'
import type { ArchivedTable, JsonValue } from './archive/types.js'
import type { CleanupOptions } from './types.js'

export class PlanHasher {
  private readonly hash = createHash('sha256')

  constructor(options: CleanupOptions) {
    this.line({ scope: options.scope, tables: options.tables ?? [], keepWhere: options.keepWhere ?? [] })
  }

  section(table: ArchivedTable): void {
    this.line({ table: table.display, action: table.action, columns: table.columns.map((c) => c.name), key: table.key })
  }

  row(values: readonly JsonValue[]): void {
    this.line(values)
  }

  digest(): string {
    return this.hash.digest('hex')
  }

  private line(value: unknown): void {
    this.hash.update(`${JSON.stringify(value)}\n`)
  }
}
