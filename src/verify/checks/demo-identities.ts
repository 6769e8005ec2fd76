// Test and demo identities: addresses at reserved or throwaway domains, mailboxes and names made of
// demo words (identities.ts). The database narrows the rows with LIKE or one regex; the classifier,
// the same on every dialect, decides, so contest.winner@… and testa.maria@… stay people.
import { plural } from '../format.js'
import { classifyIdentity, TEST_DOMAINS, TEST_TLDS, vocabularyPattern, type IdentityField } from '../identities.js'
import type { Check, CheckContext, Indicator } from '../types.js'

/**
 * Candidate rows read, in one statement (a cursor would forgo PostgreSQL's parallel scan). Lookalikes
 * (Testa, contest.winner) make a few percent of a real table candidates; past this many the count
 * is a floor.
 */
const CANDIDATES = 100_000
/** flagged rows kept by key for the indicator's `rows` */
const KEPT_KEYS = 1000
const WORDS = ['test', 'demo', 'fake', 'seed', 'dummy', 'sample', 'example', 'lorem', 'ipsum', 'placeholder', 'mock', 'qa', 'sandbox', 'user', 'doe']

interface Flagged {
  key: unknown
  field: IdentityField
  value: string
  why: string
}

const demoIdentities: Check = {
  id: 'demo-identities',
  title: 'test and demo identities',
  scope: 'table',
  async run(ctx, table) {
    const fields = ([['email', table.email], ['username', table.username], ['name', table.personName]] as const).filter((f): f is readonly [IdentityField, string] => f[1] !== undefined)
    if (fields.length === 0) return []
    const { sql } = ctx
    const extra = ctx.options.demoDomains ?? []
    const email = fields.find(([field]) => field === 'email')
    const reserved = [...TEST_DOMAINS, ...TEST_TLDS.map((tld) => tld.slice(1)), ...extra]
    const conditions = [...(email ? [sql.domainUnder(sql.quote(email[1]), reserved)] : []), wordy(ctx, fields)]
    const key = table.key ? sql.quote(table.key) : undefined
    const candidates = `SELECT ${key ?? 'NULL'} AS k, ${fields.map(([, name], i) => `${sql.quote(name)} AS f${i}`).join(', ')} FROM ${table.sql} WHERE (${conditions.join(' OR ')})`
    const tally = { count: 0, byField: new Map<IdentityField, number>(), first: [] as Flagged[], keys: [] as Array<string | number> }
    const classify = (rows: Array<Record<string, unknown>>) => {
      for (const row of rows) {
        for (const [i, [field]] of fields.entries()) {
          const value = row[`f${i}`]
          const why = typeof value === 'string' ? classifyIdentity(field, value, extra) : undefined
          if (!why) continue
          tally.count++
          tally.byField.set(field, (tally.byField.get(field) ?? 0) + 1)
          if (tally.first.length < 5) tally.first.push({ key: row.k, field, value: value as string, why })
          if ((typeof row.k === 'number' || typeof row.k === 'string') && tally.keys.length < KEPT_KEYS) tally.keys.push(row.k)
          break
        }
      }
    }
    const rows = await ctx.client.query<Record<string, unknown>>(`${candidates} LIMIT ${CANDIDATES}`)
    classify(rows)
    const complete = rows.length < CANDIDATES
    if (tally.count === 0) return []
    const main = [...tally.byField.entries()].sort((a, b) => b[1] - a[1])[0]![0]
    const column = fields.find(([f]) => f === main)![1]
    const head = tally.first[0]!
    const indicator: Indicator = {
      check: demoIdentities.id,
      table: table.display,
      column,
      count: tally.count,
      severity: 'error',
      message: `${complete ? '' : 'at least '}${plural(tally.count, 'test or demo identity', 'test or demo identities')}, such as ${head.value} (${head.why})`,
      samples: tally.first.map((f) => `${f.value}: ${f.why}`),
      ...(key && tally.keys.length ? { rows: `${key} IN (${tally.keys.map((k) => literal(ctx, k)).join(', ')})` } : {}),
      // the same candidates, judged by the same classifier, every one of them
      select: { where: `(${conditions.join(' OR ')})`, refine: new IdentityRefinement(fields, extra) },
    }
    return [indicator]
  },
}
export default demoIdentities

/**
 * Rows that mention a demo word, and where the database has a regex, only those with a field made
 * of nothing but vocabulary (or an email with a +tag): the classifier needs one of these, so no demo
 * row is lost, and the lookalikes that make a few percent of a real table stay in the database.
 */
function wordy(ctx: CheckContext, fields: ReadonlyArray<readonly [IdentityField, string]>): string {
  const { sql } = ctx
  const mentions = sql.mentions(fields.map(([, name]) => sql.quote(name)), WORDS)
  const narrowing = fields.flatMap(([field, name]) => {
    const col = sql.quote(name)
    // the address's mailbox is what is before its last @; a +tag is judged on its own
    return field === 'email' ? [sql.matches(`lower(${col})`, vocabularyPattern('@[^@]*')), `${col} LIKE '%+%'`] : [sql.matches(`lower(${col})`, vocabularyPattern())]
  })
  return narrowing.every((n) => n !== undefined) ? `(${mentions} AND (${narrowing.join(' OR ')}))` : mentions
}

/** the classifier over a candidate row's identity fields: a plain value, as two runs over the same data compare equal */
class IdentityRefinement {
  readonly columns: string[]
  private readonly fields: IdentityField[]

  constructor(
    fields: ReadonlyArray<readonly [IdentityField, string]>,
    private readonly demoDomains: string[],
  ) {
    this.columns = fields.map(([, name]) => name)
    this.fields = fields.map(([field]) => field)
  }

  accepts(values: readonly unknown[]): boolean {
    return values.some((v, i) => typeof v === 'string' && classifyIdentity(this.fields[i]!, v, this.demoDomains) !== undefined)
  }
}

const literal = (ctx: CheckContext, value: unknown) => (typeof value === 'number' || typeof value === 'bigint' ? String(value) : ctx.sql.string(String(value)))
