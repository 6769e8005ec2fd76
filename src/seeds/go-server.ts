// https://go.dev/ref/spec#Program_execution
// A start of a Go program of the repository (`go run ./cmd/server`, or the binary a build made:
// `/app/server`) runs its main: what main seeds or wipes (seeds/facts/go-main.ts) the start does,
// with the flags it is given.
import type { LeafCommand } from '../model/command.js'
import type { Project } from '../project/project.js'
import { readImage } from '../sources/docker/image.js'
import { containerPath, mirroredRepoDir } from '../sources/docker/container-paths.js'
import { isDockerfile } from '../sources/docker/files.js'
import { parseShell } from '../shell/parse.js'
import { basenameOf, dirnameOf, joinPath } from '../util/paths.js'
import type { FlagCondition, GoEffect, GoProgram } from './facts/go-main.js'
import { goBuild, goRun } from './toolchain-run.js'
import type { SeedMatch, SeedTool, WipeMatch } from './types.js'

const outputs = new WeakMap<Project, Map<string, string[]>>()

/**
 * The binaries the repository's Dockerfiles build with `go build -o <output> [package]`, by the
 * output's file name: the package directories they are built from. A later stage that copies the
 * binary (`COPY --from=build /app/server /server`) keeps its name as often as not.
 */
function dockerBuilds(project: Project): Map<string, string[]> {
  let found = outputs.get(project)
  if (found) return found
  found = new Map()
  for (const file of project.cache.files.list().filter(isDockerfile)) {
    const lines = project.cache.get(file)
    if (!lines || !/\bgo\s+build\b/.test(lines.text)) continue
    for (const stage of readImage(project, file).stages)
      for (const run of stage.runs) {
        for (const command of parseShell(run.source, lines, '').commands) {
          const build = goBuild(command.words.map((w) => w.value))
          // `go build -o app ./cmd/api/main.go` builds the files named, of that package
          const target = build && (build.target.endsWith('.go') ? dirnameOf(build.target) : build.target)
          const dir = target === undefined ? undefined : mirroredRepoDir(project, stage.mounts, containerPath(run.workdir ?? '/', target))
          // `-o bin/` puts the binary into that directory under the name go build gives it
          const name = build?.output !== undefined && !build.output.endsWith('/') ? basenameOf(build.output) : project.goPrograms.find((p) => p.dir === dir)?.name
          if (dir !== undefined && name !== undefined) found.set(name, [...(found.get(name) ?? []), dir])
        }
      }
  }
  outputs.set(project, found)
  return found
}

/**
 * The program a command starts, with the words it is given: `go run <dir or file>` of the
 * repository; a binary a Dockerfile's `go build` makes, by the name it gives it; a path to a binary
 * (`./server`, `/app/api`) by the name `go build` gives the package (its directory's). A bare
 * name no build in the repository makes (`migrate`) is another program found on the PATH.
 */
function started({ argv, cwd }: LeafCommand, project: Project): { program: GoProgram; args: string[] } | undefined {
  if (project.goPrograms.length === 0 || argv[0] === undefined) return undefined
  const run = goRun(argv)
  if (run) {
    const target = joinPath(cwd, run.target.endsWith('.go') ? dirnameOf(run.target) : run.target)
    const program = project.goPrograms.find((p) => p.dir === target)
    return program && { program, args: run.args.filter((a) => a !== '--') }
  }
  if (argv[0] === 'go') return undefined
  const name = basenameOf(argv[0])
  const built = dockerBuilds(project).get(name) ?? []
  const programs = project.goPrograms.filter((p) => built.includes(p.dir) || (built.length === 0 && argv[0]!.includes('/') && p.name === name))
  return programs.length === 1 ? { program: programs[0]!, args: argv.slice(1) } : undefined
}

/**
 * Whether the command line passes the test: a flag given (`-seed`, `--seed`, `-seed=true`; the flag
 * package reads either dash), or a word at the position, one of the values where they are given
 * (after the flags for `flag.Arg`: words that start with a dash are left out)
 */
function holds(condition: FlagCondition, args: readonly string[]): boolean {
  if ('flag' in condition) {
    const given = args.some((a) => {
      const m = /^--?([^=]+)(?:=(.*))?$/.exec(a)
      return m?.[1] === condition.flag && !/^(?:false|0|f|F|FALSE|False)$/.test(m[2] ?? 'true')
    })
    return given !== condition.negated
  }
  const words = condition.afterFlags ? args.filter((a) => !a.startsWith('-')) : args
  const word = words[condition.argument]
  return (word !== undefined && (condition.values.length === 0 || condition.values.includes(word))) !== condition.negated
}

/** the effect of the kind a start makes, under the fewest conditions; none where a flag it needs is not given */
function found(cmd: LeafCommand, project: Project, kind: GoEffect['effect']): { effect: GoEffect; program: GoProgram } | undefined {
  const start = started(cmd, project)
  const effects = start?.program.effects.filter((e) => e.effect === kind && e.flags.every((f) => holds(f, start.args))) ?? []
  const effect = effects.reduce<GoEffect | undefined>((best, e) => (best === undefined || e.guards.length < best.guards.length ? e : best), undefined)
  return effect && { effect, program: start!.program }
}

function matchOf({ effect, program }: { effect: GoEffect; program: GoProgram }, confidence: SeedMatch['confidence'], what: string): SeedMatch & WipeMatch {
  const flags = effect.flags.flatMap((f) => (f.negated ? [] : 'flag' in f ? [`-${f.flag}`] : f.values.length > 0 ? [`\`${f.values.join('|')}\``] : []))
  return {
    confidence,
    note: `the Go program ${program.dir} ${what} on every start${flags.length > 0 ? ` given ${flags.join(' ')}` : ''} (\`${effect.text}\`)`,
    within: {
      hops: [...effect.via, { span: effect.span, label: `\`${effect.text}\` ${what}` }],
      more: true,
      change:
        effect.guards.length + flags.length === 0
          ? `Call \`${effect.text}\` only in development (\`if os.Getenv("APP_ENV") == "development"\`, where production does not set it so) or behind a flag production's start does not pass, or move it to a one-off command run by hand`
          : `The test around \`${effect.text}\` lets it run where this program starts: make what production's start sets (its environment, its flags) fail it, or move the call to a one-off command run by hand`,
    },
    ...(effect.guards.length > 0 && { guards: effect.guards }),
  }
}

const goServer: SeedTool = {
  id: 'go-server',
  title: 'Go server start',
  docs: 'https://go.dev/ref/spec#Program_execution',
  // a call named for seeding: only its code says what it writes
  match: (cmd, project): SeedMatch | undefined => {
    const seed = found(cmd, project, 'seed')
    return seed && matchOf(seed, 'medium', 'seeds')
  },
  // GORM's DropTable, DROP/TRUNCATE: every start drops the tables
  wipes: (cmd, project): WipeMatch | undefined => {
    const wipe = found(cmd, project, 'wipe')
    return wipe && matchOf(wipe, 'high', 'drops tables')
  },
}
export default goServer
