// Admin accounts: an Admin table, role or is_admin columns on user tables (discover.ts), or what
// --admin-table / --admin-where name. With --expect-admins N, any other number fails: the cleanup
// guide's end state is "Admin accounts: 1".
import { maskIdentity } from '../identities.js'
import { plural } from '../format.js'
import type { Check, Indicator } from '../types.js'

const adminAccounts: Check = {
  id: 'admin-accounts',
  title: 'admin accounts, and whether their number is the expected one',
  scope: 'database',
  async run(ctx) {
    const { sql } = ctx
    const expected = ctx.options.expectAdmins
    const sources = ctx.discovery.admins
    if (sources.length === 0) {
      if (expected === undefined || expected === 0) return []
      return [{ check: adminAccounts.id, table: '(none)', column: null, count: 0, severity: 'error', message: `expected ${plural(expected, 'admin account')}, but no admin table, role or flag column was found (name one with --admin-table or --admin-where)`, samples: [] }]
    }
    let total = 0
    const samples: string[] = []
    for (const source of sources) {
      const where = source.where ? ` WHERE ${source.where}` : ''
      total += Number((await ctx.client.query<{ n: unknown }>(`SELECT count(*) AS n FROM ${source.table.sql}${where}`))[0]?.n ?? 0)
      const label = source.table.email ?? source.table.username
      if (label && samples.length < 5) {
        const rows = await ctx.client.query<{ v: unknown }>(`SELECT ${sql.quote(label)} AS v FROM ${source.table.sql}${where} LIMIT ${5 - samples.length}`)
        samples.push(...rows.map((r) => `${source.table.display}: ${maskIdentity(label === source.table.email ? 'email' : 'username', String(r.v ?? ''), ctx.options.demoDomains)}`))
      }
    }
    const where = sources.map((s) => s.why).join(', ')
    const mismatch = expected !== undefined && total !== expected
    const indicator: Indicator = {
      check: adminAccounts.id,
      table: sources[0]!.table.display,
      column: null,
      count: total,
      severity: mismatch ? 'error' : 'info',
      message: mismatch ? `expected ${plural(expected, 'admin account')}, found ${total} (${where})` : `${plural(total, 'admin account')} (${where})`,
      samples,
    }
    return [indicator]
  },
}
export default adminAccounts
