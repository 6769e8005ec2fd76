// Rows in child tables (sessions, payments, reports) that belong to users another check flagged:
// a seed rarely stops at the users, and the cleanup has to delete these first.
import { plural } from '../format.js'
import type { Check, Indicator, Severity } from '../types.js'

const seededChildren: Check = {
  id: 'seeded-children',
  title: 'child rows that reference flagged users',
  scope: 'database',
  async run(ctx) {
    const out: Indicator[] = []
    for (const parent of ctx.discovery.tables) {
      const flagged = ctx.indicators.filter((i) => i.table === parent.display && i.rows && i.severity !== 'info')
      if (flagged.length === 0) continue
      const severity: Severity = flagged.some((i) => i.severity === 'error') ? 'error' : 'warning'
      const predicate = flagged.map((i) => `(${i.rows})`).join(' OR ')
      const checks = [...new Set(flagged.map((i) => i.check))].join(', ')
      for (const child of ctx.discovery.tables) {
        for (const link of child.links) {
          if (link.references !== parent || child === parent) continue
          const [row] = await ctx.client.query<{ n: unknown }>(
            `SELECT count(*) AS n FROM ${child.sql} WHERE ${ctx.sql.quote(link.column)} IN (SELECT ${ctx.sql.quote(link.referencedColumn)} FROM ${parent.sql} WHERE ${predicate})`,
          )
          const n = Number(row?.n ?? 0)
          if (n === 0) continue
          out.push({
            check: seededChildren.id,
            table: child.display,
            column: link.column,
            count: n,
            severity,
            message: `${plural(n, 'row')} belong to ${parent.display} rows flagged by ${checks}`,
            samples: [],
          })
        }
      }
    }
    return out
  },
}
export default seededChildren
