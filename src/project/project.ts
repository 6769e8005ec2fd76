import picomatch from 'picomatch'
import { parse as parseYaml } from 'yaml'
import { fileStartSpan, type Span } from '../model/span.js'
import { dirnameOf, isWithin } from '../util/paths.js'
import { cannotBeRead, type FileCache } from './files.js'
import { DeployedTrees } from './deployed-trees.js'
import { detectPackageManager, type PackageManager } from './package-manager.js'
import { readPackageJson, type PackageJson } from './packages.js'
import type { PrismaConfigFacts } from './prisma-config.js'
import type { RakeTask } from '../seeds/facts/rake-tasks.js'
import type { CapistranoFile } from '../seeds/facts/capistrano.js'
import type { EcosystemFile } from '../seeds/facts/pm2-ecosystem.js'
import type { StartModule } from '../seeds/facts/start-code.js'
import type { AspNetApp } from '../seeds/facts/aspnet-startup.js'
import type { GoProgram } from '../seeds/facts/go-main.js'
import type { SpringModule } from '../seeds/facts/spring-runners.js'
import type { PythonModule } from '../seeds/facts/python-start.js'
import type { Guard } from '../model/guard.js'

/** Facts read before the synchronous check, by readers that load their parser on demand. */
export interface ProjectFacts {
  prismaConfigs?: ReadonlyMap<string, PrismaConfigFacts>
  rakeTasks?: ReadonlyMap<string, RakeTask>
  seedScriptGuards?: ReadonlyMap<string, Guard[]>
  capistranoFiles?: ReadonlyMap<string, CapistranoFile>
  ecosystemFiles?: ReadonlyMap<string, EcosystemFile>
  startModules?: ReadonlyMap<string, StartModule>
  aspNetApps?: readonly AspNetApp[]
  springModules?: readonly SpringModule[]
  goPrograms?: readonly GoProgram[]
  pythonModules?: ReadonlyMap<string, PythonModule>
}

export interface Workspace {
  members: PackageJson[]
  byName: Map<string, PackageJson>
  byDir: Map<string, PackageJson>
}

export interface ProjectProblem {
  message: string
  span: Span
}

/**
 * What the checker knows about the repository as a whole: its package.json files, workspaces and
 * package manager, and the seed tools' versions. Seed recognisers and runners read facts from here.
 */
export class Project {
  readonly packages = new Map<string, PackageJson>()
  readonly problems = new Map<string, ProjectProblem>()
  readonly trees = new DeployedTrees()
  private readonly managers = new Map<string, PackageManager>()

  /** prisma.config.* files read ahead (see prisma-config.ts); absent: not read in this run */
  readonly prismaConfigs: ReadonlyMap<string, PrismaConfigFacts> | undefined
  /** the project's own rake tasks (seeds/facts/rake-tasks.ts), read ahead like the Prisma configs */
  readonly rakeTasks: ReadonlyMap<string, RakeTask> | undefined
  /** the exits at the top of seed scripts (seeds/facts/script-guards.ts), read ahead like the Prisma configs */
  readonly seedScriptGuards: ReadonlyMap<string, Guard[]> | undefined
  /** Capistrano's deploy configs and task files (seeds/facts/capistrano.ts), read ahead like the Prisma configs */
  readonly capistranoFiles: ReadonlyMap<string, CapistranoFile> | undefined
  /** PM2 ecosystem files (seeds/facts/pm2-ecosystem.ts), read ahead like the Prisma configs */
  readonly ecosystemFiles: ReadonlyMap<string, EcosystemFile> | undefined
  /** what the JS/TS modules a start may load do to the database (seeds/facts/start-effects.ts), read ahead like the Prisma configs */
  readonly startModules: ReadonlyMap<string, StartModule> | undefined
  /** the ASP.NET Core apps whose startup code seeds or wipes (seeds/facts/aspnet-startup.ts), read ahead like the Prisma configs */
  readonly aspNetApps: readonly AspNetApp[]
  /** the Spring Boot modules whose runners write or wipe at start (seeds/facts/spring-runners.ts), read ahead like the Prisma configs */
  readonly springModules: readonly SpringModule[]
  /** the Go main packages that seed or wipe at start (seeds/facts/go-main.ts), read ahead like the Prisma configs */
  readonly goPrograms: readonly GoProgram[]
  /** what the Python modules of apps that may seed or wipe do when a server starts them (seeds/facts/python-start.ts), read ahead like the Prisma configs */
  readonly pythonModules: ReadonlyMap<string, PythonModule>

  constructor(
    readonly cache: FileCache,
    facts: ProjectFacts = {},
  ) {
    this.prismaConfigs = facts.prismaConfigs
    this.rakeTasks = facts.rakeTasks
    this.seedScriptGuards = facts.seedScriptGuards
    this.capistranoFiles = facts.capistranoFiles
    this.ecosystemFiles = facts.ecosystemFiles
    this.startModules = facts.startModules
    this.aspNetApps = facts.aspNetApps ?? []
    this.springModules = facts.springModules ?? []
    this.goPrograms = facts.goPrograms ?? []
    this.pythonModules = facts.pythonModules ?? new Map()
    for (const path of cache.files.list()) {
      if (path !== 'package.json' && !path.endsWith('/package.json')) continue
      const lines = cache.get(path)
      const unreadable = lines ? undefined : cache.unreadable(path)
      // its scripts are unseen, not absent: `npm run` into it must not read as "no such script"
      if (unreadable) this.problems.set(path, { message: cannotBeRead(unreadable), span: fileStartSpan(path) })
      if (!lines) continue
      const result = readPackageJson(lines)
      if (result.ok) this.packages.set(result.pkg.dir, result.pkg)
      else this.problems.set(path, { message: result.message, span: result.span })
    }
  }

  get root(): PackageJson | undefined {
    return this.packages.get('.')
  }

  /** The package.json that governs a directory: the nearest one at or above it. */
  packageFor(dir: string): PackageJson | undefined {
    let current = dir
    for (;;) {
      const pkg = this.packages.get(current)
      if (pkg) return pkg
      if (current === '.' || current === '') return undefined
      current = dirnameOf(current)
    }
  }

  private readonly rootCache = new Map<string, PackageJson | undefined>()

  /** A package.json at or above `dir` that could not be parsed, nearer than any readable one. */
  brokenPackageFor(dir: string): (ProjectProblem & { file: string }) | undefined {
    let current = dir
    for (;;) {
      if (this.packages.has(current)) return undefined
      const file = current === '.' ? 'package.json' : `${current}/package.json`
      const problem = this.problems.get(file)
      if (problem) return { ...problem, file }
      if (current === '.' || current === '') return undefined
      current = dirnameOf(current)
    }
  }

  /** The workspace root that contains a package: the nearest package.json above it declaring `workspaces`. */
  workspaceRootFor(dir: string): PackageJson | undefined {
    if (!this.rootCache.has(dir)) this.rootCache.set(dir, this.findWorkspaceRoot(dir))
    return this.rootCache.get(dir)
  }

  private findWorkspaceRoot(dir: string): PackageJson | undefined {
    let current: string | undefined = dir
    let fallback: PackageJson | undefined
    while (current !== undefined) {
      const pkg = this.packages.get(current)
      if (pkg && (pkg.workspaces.length > 0 || this.cache.exists(at(current, 'pnpm-workspace.yaml')))) return pkg
      if (pkg) fallback = pkg
      current = current === '.' ? undefined : dirnameOf(current)
    }
    return fallback
  }

  private readonly workspaceCache = new Map<PackageJson, Workspace>()

  /** The workspace rooted at `root`, with lookups by name and by directory: runners ask thousands of times. */
  workspace(root: PackageJson): Workspace {
    let workspace = this.workspaceCache.get(root)
    if (!workspace) {
      const members = this.readWorkspaceMembers(root)
      workspace = { members, byName: new Map(members.filter((p) => p.name !== undefined).map((p) => [p.name!, p])), byDir: new Map(members.map((p) => [p.dir, p])) }
      this.workspaceCache.set(root, workspace)
    }
    return workspace
  }

  /** Packages that belong to the workspace rooted at `root` (globs from `workspaces` or pnpm-workspace.yaml). */
  workspacesOf(root: PackageJson): PackageJson[] {
    return this.workspace(root).members
  }

  private readWorkspaceMembers(root: PackageJson): PackageJson[] {
    const globs = root.workspaces.length > 0 ? root.workspaces : this.pnpmWorkspaceGlobs(root.dir)
    const matchers = globs.map((g) => picomatch(g.replace(/\/$/, '')))
    return [...this.packages.values()].filter((pkg) => {
      if (pkg.dir === root.dir || !isWithin(root.dir, pkg.dir)) return false
      const relative = root.dir === '.' ? pkg.dir : pkg.dir.slice(root.dir.length + 1)
      // a workspace command with no readable workspace list (a pnpm-workspace.yaml outside what we
      // were given, a tool's own config): every package below the root is a candidate
      return matchers.length === 0 || matchers.some((m) => m(relative))
    })
  }

  packageManagerFor(dir: string): PackageManager {
    const root = this.workspaceRootFor(dir)
    const key = root?.dir ?? '.'
    let manager = this.managers.get(key)
    if (!manager) {
      manager = detectPackageManager(root, this.cache.files, key)
      if (key !== '.' && manager.why === 'no other lockfile') manager = detectPackageManager(this.root, this.cache.files, '.')
      this.managers.set(key, manager)
    }
    return manager
  }

  /** The declared major version of a dependency, from the nearest package.json up to the root. */
  dependencyMajor(dir: string, names: string[]): number | undefined {
    let current: string | undefined = dir
    while (current !== undefined) {
      const pkg = this.packages.get(current)
      for (const name of names) {
        const range = pkg?.dependencies[name]
        const major = range === undefined ? undefined : majorOfRange(range)
        if (major !== undefined) return major
      }
      current = current === '.' ? undefined : dirnameOf(current)
    }
    return undefined
  }

  private pnpmWorkspaceGlobs(dir: string): string[] {
    const text = this.cache.get(at(dir, 'pnpm-workspace.yaml'))?.text
    if (!text) return []
    try {
      const packages = (parseYaml(text) as { packages?: unknown } | null)?.packages
      return Array.isArray(packages) ? packages.filter((g): g is string => typeof g === 'string' && !g.startsWith('!')) : []
    } catch {
      return []
    }
  }
}

function at(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`
}

/** '^6.19.0' → 6, '~5.1' → 5, '>=4 <6' → 4, 'latest'/'workspace:*' → undefined */
export function majorOfRange(range: string): number | undefined {
  const match = /(\d+)(?:\.|$|\s|-)/.exec(range.replace(/^npm:[^@]+@/, ''))
  return match ? Number(match[1]) : undefined
}
