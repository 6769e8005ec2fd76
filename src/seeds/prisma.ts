// https://www.prisma.io/docs/orm/prisma-migrate/workflows/seeding
import type { LeafCommand } from '../model/command.js'
import type { PackageScript } from '../project/packages.js'
import { PRISMA_CONFIG_FILES } from '../project/prisma-config.js'
import { majorOfRange, type Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { flagValue, hasFlag, isEnvSet, positionals } from './argv.js'
import type { SeedMatch, SeedTool, WipeMatch } from './types.js'

const VALUED = ['--schema', '--config', '--name', '-n', '--url', '--shadow-database-url', '--file']
/** prisma.config.ts `migrations.seed`: the only seed setting of Prisma 7, preferred over package.json since 6.13. */
function readConfigSeed(args: string[], cmd: LeafCommand, project: Project): { found: boolean; seed?: PackageScript } {
  const explicit = flagValue(args, ['--config'])
  for (const name of explicit === undefined ? PRISMA_CONFIG_FILES : [explicit]) {
    const path = joinPath(cmd.cwd, name)
    if (path === undefined || !project.cache.exists(path)) continue
    // read ahead by loadPrismaConfigs; a run without it knows only that the file exists
    const facts = project.prismaConfigs?.get(path)
    return facts?.seed ? { found: true, seed: facts.seed } : { found: true }
  }
  return { found: false }
}

/**
 * `prisma <args>` for the Prisma version in use; Redwood and Blitz forward to this. `versionDirs`: where
 * to look for the dependency (Redwood keeps it in `api/`); `major`: a version pinned on the command line.
 */
export function matchPrismaArgs(args: string[], cmd: LeafCommand, project: Project, versionDirs = [cmd.cwd], pinned?: number): SeedMatch | undefined {
  const [group, action] = positionals(args, VALUED)
  const command = `${group} ${action}`
  if (command !== 'db seed' && command !== 'migrate reset' && command !== 'migrate dev') return undefined
  const major = pinned ?? versionDirs.map((dir) => project.dependencyMajor(dir, ['prisma', '@prisma/client'])).find((m) => m !== undefined)
  const config = readConfigSeed(args, cmd, project)
  if (major !== undefined && major >= 7) {
    // Prisma 7 removed the seed step from `migrate reset` and `migrate dev` (MigrateReset.ts, MigrateDev.ts @7.0.0)
    if (command !== 'db seed') return undefined
    if (config.seed) return { confidence: 'high', runs: config.seed }
    // with no `migrations.seed`, `db seed` exits 0 without doing anything (DbSeed.ts @7.0.0)
    return { confidence: 'medium', note: 'Prisma 7 reads the seed command only from prisma.config.ts `migrations.seed`; none was readable, and without one `db seed` does nothing' }
  }
  // 6.x reads the config first (6.13+), then package.json `prisma.seed`
  const runs = (major === undefined || major >= 6 ? config.seed : undefined) ?? project.packageFor(cmd.cwd)?.prismaSeed
  // Prisma 3–6 run only a configured seed: with none, `db seed` prints a hint and returns, and
  // `migrate dev`/`reset` skip the step (DbSeed.ts, seed.ts getSeedCommandFromPackageJson @5.x/6.x)
  if (!runs && !config.found && project.packageFor(cmd.cwd)) return undefined
  const assumed = major === undefined ? ' (Prisma version not declared: assumed 6 or older)' : ''
  const found = (confidence: SeedMatch['confidence'], note: string): SeedMatch => ({
    confidence,
    ...(note + assumed ? { note: note + assumed } : {}),
    ...(runs ? { runs } : {}),
  })
  if (command === 'db seed') return found('high', assumed ? 'runs the configured seed command' : '')
  if (hasFlag(args, ['--skip-seed']) || isEnvSet(cmd.env, 'PRISMA_MIGRATE_SKIP_SEED')) return undefined
  if (command === 'migrate reset') {
    // without --force a non-interactive run throws before resetting anything (MigrateResetEnvNonInteractiveError)
    if (!hasFlag(args, ['--force', '-f'])) return undefined
    return found('high', 'runs the configured seed command after the reset')
  }
  // --create-only returns before the seed step (MigrateDev.ts, 6.x)
  if (hasFlag(args, ['--create-only'])) return undefined
  return found('medium', '`migrate dev` runs the seed command only when it creates the database, as on a fresh CI database')
}

/**
 * `prisma <args>` that drops data, in every version: `migrate reset` drops the database and
 * re-applies the migrations (https://www.prisma.io/docs/cli/migrate/reset); `db push --force-reset`
 * resets it before pushing, and `--accept-data-loss` applies changes that drop columns and tables
 * with their rows (https://www.prisma.io/docs/cli/db/push).
 */
export function wipesPrismaArgs(args: string[]): WipeMatch | undefined {
  const [group, action] = positionals(args, VALUED)
  // without --force a non-interactive run throws before resetting anything (MigrateResetEnvNonInteractiveError)
  if (group === 'migrate' && action === 'reset') return hasFlag(args, ['--force', '-f']) ? { confidence: 'high', note: '`migrate reset --force` drops the database and re-applies every migration' } : undefined
  if (group !== 'db' || action !== 'push') return undefined
  if (hasFlag(args, ['--force-reset'])) return { confidence: 'high', note: '`db push --force-reset` resets the database before pushing the schema' }
  // it loses data only on a deploy whose schema drops a column or table that holds some; most deploys change nothing
  if (hasFlag(args, ['--accept-data-loss'])) return { confidence: 'low', note: '`db push --accept-data-loss` drops the columns and tables with their data wherever the schema no longer has them' }
  return undefined
}

export function migratesPrismaArgs(args: string[]): boolean {
  const [group, action] = positionals(args, VALUED)
  return (group === 'migrate' && action === 'deploy') || (group === 'db' && action === 'push')
}

/** `prisma` → null (version from package.json), `prisma@6.19.0` → 6 (as `npx prisma@6.19.0` runs), else undefined. */
function pinnedMajor(program: string | undefined): number | null | undefined {
  if (program === 'prisma') return null
  const spec = program?.startsWith('prisma@') ? program.slice('prisma@'.length) : undefined
  return spec === undefined ? undefined : (majorOfRange(spec) ?? null)
}

const prisma: SeedTool = {
  id: 'prisma',
  title: 'Prisma',
  docs: 'https://www.prisma.io/docs/orm/prisma-migrate/workflows/seeding',
  environmentVariable: 'NODE_ENV',
  match: (cmd, project) => {
    const pinned = pinnedMajor(cmd.argv[0])
    return pinned === undefined ? undefined : matchPrismaArgs(cmd.argv.slice(1), cmd, project, [cmd.cwd], pinned ?? undefined)
  },
  wipes: ({ argv }) => (pinnedMajor(argv[0]) === undefined ? undefined : wipesPrismaArgs(argv.slice(1))),
  migrates: ({ argv }) => pinnedMajor(argv[0]) !== undefined && migratesPrismaArgs(argv.slice(1)),
}
export default prisma
