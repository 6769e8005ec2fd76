// https://www.sea-ql.org/SeaORM/docs/migration/running-migration/
import type { LeafCommand } from '../model/command.js'
import type { Project } from '../project/project.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import { basename, connectionOf, flagValue, positionals } from './argv.js'
import { cargoRun } from './toolchain-run.js'
import type { SeedTool, WipeMatch } from './types.js'

// the migrator's options that take a value (sea-orm-migration src/cli.rs; sea-orm-cli adds -d)
const VALUED = ['-d', '--migration-dir', '-s', '--database-schema', '-u', '--database-url', '-n', '--num']
const MIGRATOR_DEPENDENCY = /^\s*sea-orm-migration\b/m
const PACKAGE_NAME = /^\s*\[package\][^[]*?^\s*name\s*=\s*["']([^"']+)["']/m

interface Crate {
  dir: string
  /** it depends on sea-orm-migration: its program is a SeaORM migrator */
  migrator: boolean
}

const cratesByProject = new WeakMap<Project, Map<string, Crate>>()

/** the repository's Rust crates by package name, read once per project */
function cratesOf(project: Project): Map<string, Crate> {
  let crates = cratesByProject.get(project)
  if (crates) return crates
  crates = new Map()
  for (const file of project.cache.files.list()) {
    if (basename(file) !== 'Cargo.toml') continue
    const text = project.cache.get(file)?.text ?? ''
    const name = PACKAGE_NAME.exec(text)?.[1]
    if (name !== undefined) crates.set(name, { dir: dirnameOf(file), migrator: MIGRATOR_DEPENDENCY.test(text) })
  }
  cratesByProject.set(project, crates)
  return crates
}

// the name `sea-orm-cli migrate init` gives the migration crate: what is known of one the repository does not hold
const CONVENTIONAL_NAME = 'migration'

/**
 * The crate `cargo run` builds is a SeaORM migrator: `-p <name>`, `--manifest-path <dir>/Cargo.toml`, or
 * the crate of the directory it runs in, where that crate depends on sea-orm-migration.
 */
function runsMigrator(options: readonly string[], cwd: string, project: Project): boolean {
  const crates = [...cratesOf(project)]
  const pkg = flagValue(options, ['-p', '--package'])
  const manifest = flagValue(options, ['--manifest-path'])
  const dir = manifest === undefined ? cwd : joinPath(cwd, dirnameOf(manifest))
  const crate = pkg === undefined ? crates.find(([, c]) => c.dir === dir) : crates.find(([name]) => name === pkg)
  if (crate) return crate[1].migrator
  return (pkg ?? (manifest === undefined || dir === undefined ? undefined : basename(dir))) === CONVENTIONAL_NAME
}

/**
 * The migrator's words: `sea-orm-cli migrate <command>` (which runs the migration crate with cargo),
 * `cargo run -p migration -- <command>`, or the migrator built from the repository's crate run as a
 * program (`./target/release/migration fresh`). No command is `up`.
 */
function migratorArgs(cmd: LeafCommand, project: Project): string[] | undefined {
  const { argv } = cmd
  if (basename(argv[0] ?? '') === 'sea-orm-cli') return argv[1] === 'migrate' ? argv.slice(2) : undefined
  const cargo = cargoRun(argv)
  if (cargo) return runsMigrator(cargo.options, cmd.cwd, project) ? cargo.args : undefined
  return argv[0] !== undefined && cratesOf(project).get(basename(argv[0]))?.migrator === true ? argv.slice(1) : undefined
}

const commandOf = (cmd: LeafCommand, project: Project): string | undefined => {
  const args = migratorArgs(cmd, project)
  return args && (positionals(args, VALUED)[0] ?? 'up')
}

/**
 * `fresh` drops every table, `refresh` and `reset` roll every migration back (sea-orm-migration
 * src/migrator.rs), without asking; `down` rolls back the newest one (`-n` more).
 */
const WIPES = new Map<string, WipeMatch>([
  ['fresh', { confidence: 'high', note: '`fresh` drops every table of the database, then applies the migrations again' }],
  ['refresh', { confidence: 'high', note: '`refresh` rolls back every migration, then applies them again: each down migration drops what its up migration created' }],
  ['reset', { confidence: 'high', note: '`reset` rolls back every migration: each down migration drops what its up migration created' }],
  ['down', { confidence: 'low', note: '`down` rolls back the newest migration: its down migration drops what it created' }],
])

const seaOrm: SeedTool = {
  id: 'sea-orm',
  title: 'SeaORM migrator',
  docs: 'https://www.sea-ql.org/SeaORM/docs/migration/running-migration/',
  wipes: (cmd, project) => WIPES.get(commandOf(cmd, project) ?? ''),
  migrates: (cmd, project) => commandOf(cmd, project) === 'up',
  // the database of `-u`/`--database-url` (after cargo's `--`), which it reads from DATABASE_URL otherwise
  connection: ({ argv }) => connectionOf('DATABASE_URL', flagValue(cargoRun(argv)?.args ?? argv, ['-u', '--database-url'])),
}
export default seaOrm
