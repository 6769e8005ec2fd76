// The container's file system as the repository files COPY put there, and `$VAR` expansion: what parsing and runtime share.
import type { Span } from '../../model/span.js'
import type { Project } from '../../project/project.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import { builtProjectOf } from './build-outputs.js'
import type { Mount } from './types.js'

/** the repository file at a container path, later COPYs winning */
export function resolveFile(project: Project, mounts: Mount[], path: string): string | undefined {
  for (let i = mounts.length - 1; i >= 0; i--) {
    const m = mounts[i]!
    if (!m.dir && m.dest === path && project.cache.exists(m.src)) return m.src
    if (m.dir && (m.dest === '/' || path.startsWith(`${m.dest}/`))) {
      const repo = joinPath(m.src, path.slice(m.dest === '/' ? 1 : m.dest.length + 1))
      if (repo !== undefined && project.cache.exists(repo)) return repo
    }
  }
  return undefined
}

/** repository files directly inside a container directory */
export function listDir(project: Project, mounts: Mount[], dir: string): string[] {
  const out = new Set<string>()
  for (const m of mounts) {
    if (!m.dir && containerDirOf(m.dest) === dir && project.cache.exists(m.src)) out.add(m.src)
    if (m.dir && (m.dest === dir || dir.startsWith(m.dest === '/' ? '/' : `${m.dest}/`))) {
      const repo = joinPath(m.src, dir.slice(m.dest.length).replace(/^\//, ''))
      if (repo !== undefined) for (const f of project.cache.files.list()) if (dirnameOf(f) === repo) out.add(f)
    }
  }
  return [...out].sort()
}

/** the repository directory a container directory mirrors, for commands that name files relative to it */
export function repoDirOf(project: Project, mounts: Mount[], dir: string, fallback: string): string {
  return mirroredRepoDir(project, mounts, dir) ?? fallback
}

/** the repository directory COPY made a container directory of; undefined where no COPY says */
export function mirroredRepoDir(project: Project, mounts: Mount[], dir: string): string | undefined {
  for (let i = mounts.length - 1; i >= 0; i--) {
    const m = mounts[i]!
    if (m.dir && (m.dest === dir || dir.startsWith(m.dest === '/' ? '/' : `${m.dest}/`))) {
      const repo = joinPath(m.src, dir.slice(m.dest.length).replace(/^\//, ''))
      if (repo !== undefined && (repo === '.' || isRepoDir(project, repo))) return repo
      // a directory the build made (`.medusa/server`) runs with its project's files
      const built = repo === undefined ? undefined : builtProjectOf(project, repo)
      if (built !== undefined) return built
    }
    const inside = m.dest.startsWith(dir === '/' ? '/' : `${dir}/`) ? m.dest.slice(dir === '/' ? 1 : dir.length + 1) : undefined
    if (inside && (m.src === inside || m.src.endsWith(`/${inside}`))) return m.src === inside ? '.' : m.src.slice(0, -inside.length - 1)
  }
  return undefined
}

const dirSets = new WeakMap<Project, Set<string>>()
export function isRepoDir(project: Project, path: string): boolean {
  let dirs = dirSets.get(project)
  if (!dirs) {
    dirs = new Set(['.'])
    for (const f of project.cache.files.list()) for (let d = dirnameOf(f); d !== '.' && !dirs.has(d); d = dirnameOf(d)) dirs.add(d)
    dirSets.set(project, dirs)
  }
  return dirs.has(path)
}

export function containerPath(cwd: string, path: string): string {
  const parts = path.startsWith('/') ? [] : cwd.split('/').filter(Boolean)
  for (const piece of path.split('/')) {
    if (piece === '' || piece === '.') continue
    if (piece === '..') parts.pop()
    else parts.push(piece)
  }
  return `/${parts.join('/')}`
}

export function containerDirOf(path: string): string {
  return path.slice(0, Math.max(path.lastIndexOf('/'), 1))
}

/** `$X`, `${X}`, `${X:-default}`, `${X:+alt}` against the build's variables; undefined when one is unknown */
export function substitute(text: string, vars: Record<string, string>): string | undefined {
  let unknown = false
  const out = text.replace(/\$(?:\{(\w+)(?::?([-+])([^}]*))?\}|(\w+))/g, (_m, braced: string | undefined, op: string | undefined, word: string | undefined, bare: string | undefined) => {
    const value = vars[braced ?? bare ?? '']
    if (op === '-') return value === undefined || value === '' ? (word ?? '') : value
    if (op === '+') return value === undefined || value === '' ? '' : (word ?? '')
    if (value === undefined) unknown = true
    return value ?? ''
  })
  return unknown ? undefined : out
}

/** repository files anywhere under a container directory, with the container path each has and the COPY that put it there; later COPYs win */
export function filesUnder(project: Project, mounts: Mount[], dir: string): { file: string; path: string; span?: Span }[] {
  const byPath = new Map<string, { file: string; span?: Span }>()
  const prefix = dir === '/' ? '/' : `${dir}/`
  for (const m of mounts) {
    const at = m.span ? { span: m.span } : {}
    if (!m.dir) {
      if (m.dest.startsWith(prefix) && project.cache.exists(m.src)) byPath.set(m.dest, { file: m.src, ...at })
      continue
    }
    // the mount inside the directory, or the directory inside the mount
    const inside = m.dest.startsWith(prefix) || m.dest === dir
    const repoRoot = inside ? m.src : dir.startsWith(m.dest === '/' ? '/' : `${m.dest}/`) ? joinPath(m.src, dir.slice(m.dest.length).replace(/^\//, '')) : undefined
    if (repoRoot === undefined) continue
    const containerRoot = inside ? m.dest : dir
    const repoPrefix = repoRoot === '.' ? '' : `${repoRoot}/`
    for (const f of project.cache.files.list()) if (f.startsWith(repoPrefix)) byPath.set(`${containerRoot === '/' ? '' : containerRoot}/${f.slice(repoPrefix.length)}`, { file: f, ...at })
  }
  return [...byPath].map(([path, found]) => ({ path, ...found })).sort((a, b) => (a.path < b.path ? -1 : 1))
}
