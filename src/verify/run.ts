import { checks as allChecks } from './checks/index.js'
import type { ReadOnlyClient } from './dialects/types.js'
import { accessAdvice, explainNothingRead } from './access.js'
import { discover } from './discover.js'
import { readArrivals } from './picture.js'
import { readWatermarks } from './since.js'
import type { Check, CheckContext, Indicator, Progress, Table, TableSummary, VerifyOptions, VerifyResult } from './types.js'

export class CheckError extends Error {
  override name = 'CheckError'
}

/**
 * Discovery, then every table check on every table, then the database checks. Returns data only;
 * `onProgress` hears which table is being read (the CLI shows it on a TTY). Table checks run on as
 * many sessions as the database shares one snapshot with (`options.connections`); indicators keep
 * the order of tables and checks whichever session finishes first.
 */
export async function runVerify(client: ReadOnlyClient, database: string, options: VerifyOptions = {}, onProgress?: (p: Progress) => void, checks: Check[] = allChecks): Promise<VerifyResult> {
  const discovery = await discover(client, options)
  const base = { tables: summaries(discovery.tables), unchecked: discovery.unchecked, database, dialect: client.sql.id }
  const problem = explainNothingRead(discovery, client.sql, options, database)
  if (problem) return { verdict: 'unreadable', ...base, indicators: [], problem }
  const indicators: Indicator[] = []
  const ctx: CheckContext = { client, sql: client.sql, discovery, options, indicators }
  const judged = discovery.tables.filter((t) => !t.system && t.rows > 0)
  const tableChecks = checks.filter((c): c is TableCheck => c.scope === 'table')
  const tasks = judged.flatMap((table, index) => tableChecks.map((check) => ({ table, index, check })))
  indicators.push(...(await runTableChecks(ctx, tasks, options.connections ?? 1, judged.length, onProgress)))
  for (const check of checks) if (check.scope === 'database') indicators.push(...(await guard(check.id, undefined, () => check.run(ctx))))
  // on the same snapshot as the checks: a row that arrives later is after the watermark
  const watermarks = options.track ? await readWatermarks(client, discovery.tables.filter((t) => !t.system)) : undefined
  const arrivals = options.picture ? await readArrivals(client, judged, indicators) : undefined
  onProgress?.({ done: true })
  const failing = options.failOn === 'warning' ? ['error', 'warning'] : ['error']
  const admins = discovery.admins.length ? indicators.find((i) => i.check === 'admin-accounts')?.count : undefined
  const grant = discovery.unchecked.length ? accessAdvice(discovery, client.sql) : ''
  return {
    verdict: indicators.some((i) => failing.includes(i.severity)) ? 'seeded' : discovery.unchecked.length ? 'incomplete' : 'clean',
    ...base,
    indicators,
    ...(grant ? { grant } : {}),
    ...(admins !== undefined ? { admins } : {}),
    ...(watermarks ? { watermarks } : {}),
    ...(arrivals ? { arrivals } : {}),
  }
}

function summaries(tables: Table[]): TableSummary[] {
  const since = (t: Table) => t.scope?.after?.time
  return tables.map((t) => ({ name: t.display, rows: t.rows, ...(t.estimated ? { estimated: true } : {}), ...(since(t) !== undefined ? { since: since(t) } : {}) }))
}

type TableCheck = Extract<Check, { scope: 'table' }>

interface TableTask {
  table: Table
  index: number
  check: TableCheck
}

/** The tasks in order over up to `connections` sessions; the first failure stops them all. */
async function runTableChecks(ctx: CheckContext, tasks: TableTask[], connections: number, total: number, onProgress?: (p: Progress) => void): Promise<Indicator[]> {
  const sessions = [ctx.client]
  while (sessions.length < Math.min(connections, tasks.length)) {
    const session = await ctx.client.fork?.()
    if (!session) break
    sessions.push(session)
  }
  const found: Indicator[][] = []
  let next = 0
  let announced = -1
  let failure: unknown
  const work = async (client: ReadOnlyClient) => {
    const own: CheckContext = { ...ctx, client }
    while (failure === undefined && next < tasks.length) {
      const i = next++
      const { table, index, check } = tasks[i]!
      if (index > announced) onProgress?.({ table: table.display, index: (announced = index), total })
      try {
        found[i] = await guard(check.id, table.display, () => check.run(own, table))
      } catch (error) {
        failure ??= error
      }
    }
  }
  try {
    await Promise.all(sessions.map(work))
  } finally {
    await Promise.all(sessions.slice(1).map((s) => s.close().catch(() => {})))
  }
  if (failure !== undefined) throw failure
  return found.flat()
}

/** A check that fails fails the run (exit 2): a verifier that skips what it cannot read would pass seeded data. */
async function guard(check: string, table: string | undefined, run: () => Promise<Indicator[]>): Promise<Indicator[]> {
  try {
    return await run()
  } catch (error) {
    throw new CheckError(`${check}${table ? ` on ${table}` : ''} failed: ${(error as Error).message.split('\n')[0]}`)
  }
}
