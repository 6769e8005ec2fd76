// COPY/ADD: which repository files land where in a stage, and the build context their sources imply; apart from the stage walk.
import type { Instruction } from 'dockerfile-ast'
import picomatch from 'picomatch'
import type { Span } from '../../model/span.js'
import type { Project } from '../../project/project.js'
import type { LineIndex } from '../../util/line-index.js'
import { basenameOf, dirnameOf, joinPath } from '../../util/paths.js'
import { commandOf } from './commands.js'
import { holdsBuildOutput, mixReleaseOverlays } from './build-outputs.js'
import { containerPath, isRepoDir, mirroredRepoDir, substitute } from './container-paths.js'
import type { Mount, Stage, WrittenFile } from './types.js'

/** COPY/ADD: which repository files (or files of an earlier stage) land where in this stage */
export function copyInto(project: Project, stage: Stage, stages: Stage[], ins: Instruction, lines: LineIndex, context: string, span: Span): void {
  const { from, args } = copyArgs(ins, lines)
  if (args.length < 2 || /<</.test(args[0] ?? '')) return
  const dest = substitute(args.at(-1)!, stage.buildEnv)
  if (dest === undefined) return
  const sources = args.slice(0, -1).map((s) => substitute(s, stage.buildEnv)).filter((s): s is string => s !== undefined && !/^https?:\/\//.test(s))
  const destPath = containerPath(stage.workdir, dest)
  const destIsDir = dest.endsWith('/') || sources.length > 1 || sources.some((s) => /[*?[]/.test(s)) || dest === '.' || destPath === stage.workdir
  const into = (name: string) => (destIsDir ? containerPath(destPath, name) : destPath)
  if (from !== undefined) {
    // a shell copied from a stage or an image (`COPY --from=busybox /bin/sh /bin/sh`, or its whole root)
    if (sources.some((s) => /^\/?$|^\/?(usr\/)?bin(\/|$)|(^|\/)(sh|bash|busybox)$/.test(s))) delete stage.shellless
    const source = /^\d+$/.test(from) ? stages[Number(from)] : stages.find((s) => s.name?.toLowerCase() === from.toLowerCase())
    // a relative source is read from the stage's root, not its WORKDIR (as docker build does; openshift/imagebuilder#215)
    for (const src of source ? sources : []) {
      stage.mounts.push(...reroot(project, source!.mounts, containerPath('/', src), destPath, into).map((m) => ({ ...m, span })))
      stage.written.push(...rerootWritten(source!.written, containerPath('/', src), destPath, into))
      const overlays = releaseOverlaysIn(project, source!.mounts, containerPath('/', src))
      if (overlays !== undefined) stage.mounts.push({ dest: destPath, src: overlays, dir: true, span })
    }
    return
  }
  for (const src of sources) {
    for (const path of expand(project, context, src)) {
      if (isRepoDir(project, path)) stage.mounts.push({ dest: destPath, src: path, dir: true, span })
      else {
        stage.mounts.push({ dest: into(basenameOf(path)), src: path, dir: false, span })
        // `COPY start.sh /usr/local/bin` copies into a directory the base image already has
        if (!destIsDir) stage.mounts.push({ dest: containerPath(destPath, basenameOf(path)), src: path, dir: false, span })
      }
    }
  }
}

function copyArgs(ins: Instruction, lines: LineIndex): { from?: string; args: string[] } {
  const flags = (ins as unknown as { getFlags(): { getName(): string; getValue(): string | null }[] }).getFlags()
  const from = flags.find((f) => f.getName() === 'from')?.getValue() ?? undefined
  const command = commandOf(ins, lines, 'sh', 'COPY')
  return { ...(from !== undefined && { from }), args: command?.exec ? command.words : ins.getArguments().map((a) => a.getValue()) }
}

/** `COPY --from=build /app/dist ./dist`: the repository files behind an earlier stage's path, at their new place */
function reroot(project: Project, mounts: Mount[], src: string, destPath: string, into: (name: string) => string): Mount[] {
  const out: Mount[] = []
  for (const m of mounts) {
    if (m.dest === src && !m.dir) out.push({ dest: into(basenameOf(src)), src: m.src, dir: false })
    else if (m.dest === src || m.dest.startsWith(src === '/' ? '/' : `${src}/`)) out.push({ dest: containerPath(destPath, m.dest.slice(src.length).replace(/^\//, '')), src: m.src, dir: m.dir })
    else if (m.dir && src.startsWith(m.dest === '/' ? '/' : `${m.dest}/`)) {
      const repo = joinPath(m.src, src.slice(m.dest.length + (m.dest === '/' ? 0 : 1)))
      if (repo === undefined) continue
      // a build output (`COPY --from=build /app/.medusa ./`) is not in the repository, and stands for its project
      if (isRepoDir(project, repo) || holdsBuildOutput(project, repo)) out.push({ dest: destPath, src: repo, dir: true })
      else if (project.cache.exists(repo)) out.push({ dest: into(basenameOf(repo)), src: repo, dir: false })
    }
  }
  return out
}

/** the repository's `rel/overlays` behind a mix release a build stage assembled at `src`, when the stage has it */
function releaseOverlaysIn(project: Project, mounts: Mount[], src: string): string | undefined {
  const overlays = mixReleaseOverlays(src)
  const repo = overlays === undefined ? undefined : mirroredRepoDir(project, mounts, overlays)
  return repo !== undefined && repo !== '.' && isRepoDir(project, repo) ? repo : undefined
}

/** `COPY --from=build /start.sh /start.sh`: the files an earlier stage wrote itself, at their new place */
function rerootWritten(written: WrittenFile[], src: string, destPath: string, into: (name: string) => string): WrittenFile[] {
  const inside = src === '/' ? '/' : `${src}/`
  return written.flatMap((w) => {
    if (w.dest === src) return [{ ...w, dest: into(basenameOf(src)) }]
    return w.dest.startsWith(inside) ? [{ ...w, dest: containerPath(destPath, w.dest.slice(inside.length)) }] : []
  })
}

/** a COPY source in the build context: a file, a directory, or a glob of either */
function expand(project: Project, context: string, src: string): string[] {
  const path = joinPath(context, src)
  if (path === undefined) return []
  if (!/[*?[]/.test(src)) return project.cache.exists(path) || isRepoDir(project, path) ? [path] : []
  const test = picomatch(path, { dot: true })
  return project.cache.files.list().filter((f) => test(f))
}

/** which directory holds the most COPY sources: the Dockerfile's own, or one above it */
export function guessContext(project: Project, file: string, instructions: Instruction[], lines: LineIndex): string {
  const sources = instructions
    .filter((i) => i.getKeyword() === 'COPY' || i.getKeyword() === 'ADD')
    .map((i) => copyArgs(i, lines))
    .flatMap((c) => (c.from === undefined ? c.args.slice(0, -1) : []))
  let best = dirnameOf(file)
  let bestScore = -1
  for (let dir: string | undefined = best; dir !== undefined; dir = dir === '.' ? undefined : dirnameOf(dir)) {
    const score = sources.filter((s) => expand(project, dir!, s).length > 0).length
    if (score > bestScore) [best, bestScore] = [dir, score]
  }
  return best
}
