import { checks as allChecks } from './checks/index.js'
import type { ReadOnlyClient } from './dialects/types.js'
import { discover } from './discover.js'
import type { Check, CheckContext, Indicator, Progress, VerifyOptions, VerifyResult } from './types.js'

export class CheckError extends Error {
  override name = 'CheckError'
}

/**
 * Discovery, then every table check on every table, then the database checks. Returns data only;
 * `onProgress` hears which table is being read (the CLI shows it on a TTY).
 */
export async function runVerify(client: ReadOnlyClient, database: string, options: VerifyOptions = {}, onProgress?: (p: Progress) => void, checks: Check[] = allChecks): Promise<VerifyResult> {
  const discovery = await discover(client, options)
  const indicators: Indicator[] = []
  const ctx: CheckContext = { client, sql: client.sql, discovery, options, indicators }
  const judged = discovery.tables.filter((t) => !t.system && t.rows > 0)
  for (const [index, table] of judged.entries()) {
    onProgress?.({ table: table.display, index, total: judged.length })
    for (const check of checks) {
      if (check.scope !== 'table') continue
      indicators.push(...(await guard(check.id, table.display, () => check.run(ctx, table))))
    }
  }
  for (const check of checks) if (check.scope === 'database') indicators.push(...(await guard(check.id, undefined, () => check.run(ctx))))
  onProgress?.({ done: true })
  const failing = options.failOn === 'warning' ? ['error', 'warning'] : ['error']
  const admins = discovery.admins.length ? indicators.find((i) => i.check === 'admin-accounts')?.count : undefined
  return {
    verdict: indicators.some((i) => failing.includes(i.severity)) ? 'seeded' : 'clean',
    tables: discovery.tables.map((t) => ({ name: t.display, rows: t.rows, ...(t.estimated ? { estimated: true } : {}) })),
    indicators,
    ...(admins !== undefined ? { admins } : {}),
    database,
    dialect: client.sql.id,
  }
}

/** A check that fails fails the run (exit 2): a verifier that skips what it cannot read would pass seeded data. */
async function guard(check: string, table: string | undefined, run: () => Promise<Indicator[]>): Promise<Indicator[]> {
  try {
    return await run()
  } catch (error) {
    throw new CheckError(`${check}${table ? ` on ${table}` : ''} failed: ${(error as Error).message.split('\n')[0]}`)
  }
}
