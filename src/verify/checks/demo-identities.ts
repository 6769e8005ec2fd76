// Test and demo identities: addresses at reserved or throwaway domains, mailboxes and names made of
// demo words (identities.ts). The database narrows the rows with LIKE; the classifier, the same on
// every dialect, decides, so contest.winner@… and testa.maria@… stay people.
import { plural } from '../format.js'
import { classifyIdentity, TEST_DOMAINS, type IdentityField } from '../identities.js'
import type { Check, Indicator } from '../types.js'

/** at most this many candidate rows are read per table */
const CANDIDATES = 5000
const WORDS = ['test', 'demo', 'fake', 'seed', 'dummy', 'sample', 'example', 'lorem', 'placeholder', 'mock', 'qa', 'sandbox', 'user', 'doe']

const demoIdentities: Check = {
  id: 'demo-identities',
  title: 'test and demo identities',
  scope: 'table',
  async run(ctx, table) {
    const fields = ([['email', table.email], ['username', table.username], ['name', table.personName]] as const).filter((f): f is readonly [IdentityField, string] => f[1] !== undefined)
    if (fields.length === 0) return []
    const { sql } = ctx
    const extra = ctx.options.demoDomains ?? []
    const conditions = fields.map(([field, name]) => {
      const domains = field === 'email' ? [...TEST_DOMAINS, ...extra].map((d) => `@${d.toLowerCase()}`).concat(['.test', '.example', '.invalid', '.localhost', '.local']) : []
      return sql.containsAny(sql.quote(name), WORDS, domains)
    })
    const key = table.key ? sql.quote(table.key) : 'NULL'
    const selected = fields.map(([, name], i) => `${sql.quote(name)} AS f${i}`).join(', ')
    const rows = await ctx.client.query<Record<string, unknown>>(`SELECT ${key} AS k, ${selected} FROM ${table.sql} WHERE ${conditions.join(' OR ')} LIMIT ${CANDIDATES}`)
    const flagged: Array<{ key: unknown; field: IdentityField; value: string; why: string }> = []
    for (const row of rows) {
      for (const [i, [field]] of fields.entries()) {
        const value = row[`f${i}`]
        const why = typeof value === 'string' ? classifyIdentity(field, value, extra) : undefined
        if (why) {
          flagged.push({ key: row.k, field, value: value as string, why })
          break
        }
      }
    }
    if (flagged.length === 0) return []
    const byField = new Map<IdentityField, number>()
    for (const f of flagged) byField.set(f.field, (byField.get(f.field) ?? 0) + 1)
    const main = [...byField.entries()].sort((a, b) => b[1] - a[1])[0]![0]
    const column = fields.find(([f]) => f === main)![1]
    const keys = flagged.map((f) => f.key).filter((k): k is string | number => typeof k === 'number' || typeof k === 'string').slice(0, 1000)
    const at = rows.length >= CANDIDATES ? 'at least ' : ''
    const indicator: Indicator = {
      check: demoIdentities.id,
      table: table.display,
      column,
      count: flagged.length,
      severity: 'error',
      message: `${at}${plural(flagged.length, 'test or demo identity', 'test or demo identities')}, such as ${flagged[0]!.value} (${flagged[0]!.why})`,
      samples: flagged.slice(0, 5).map((f) => `${f.value}: ${f.why}`),
      ...(table.key && keys.length ? { rows: `${sql.quote(table.key)} IN (${keys.map((k) => (typeof k === 'number' ? String(k) : sql.string(k))).join(', ')})` } : {}),
    }
    return [indicator]
  },
}
export default demoIdentities
