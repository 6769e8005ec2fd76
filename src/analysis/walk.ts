import { customCommands, type CustomCommands } from '../config/custom-commands.js'
import { DEFAULT_CONFIG, type SeedguardConfig } from '../config/types.js'
import { matchDeploy } from '../deploys/index.js'
import type { DeployMatch } from '../deploys/types.js'
import type { LeafCommand } from '../model/command.js'
import type { PlatformInvocation, ShellKind, ShellSource } from '../model/context.js'
import type { Hop } from '../model/finding.js'
import type { ProductionReason } from '../model/production.js'
import type { RuntimeEnvironment } from '../model/runtime.js'
import { fileStartSpan, type Span } from '../model/span.js'
import { cannotBeRead } from '../project/files.js'
import type { Project } from '../project/project.js'
import type { PackageScript } from '../project/packages.js'
import { matchMigration, matchSeed, matchWipe } from '../seeds/index.js'
import { scriptGuards, scriptOf } from '../seeds/seed-file.js'
import type { SeedMatch, SeedTool, WipeMatch } from '../seeds/types.js'
import type { Guard } from '../model/guard.js'
import { commandText, parseShellOnce, type ScriptName, type ShellWord, type SimpleCommand } from '../shell/parse.js'
import { resolveRunner } from '../shell/runners/index.js'
import type { Invocation } from '../shell/runners/types.js'
import { envWrittenBy } from '../shell/env-writes.js'
import { ecsRunTask, type EcsTask } from '../shell/ecs-run-task.js'
import { matchRemote } from '../shell/remote-exec.js'
import { unwrap } from '../shell/wrappers.js'
import { alignValue } from '../util/offset-map.js'
import { shellOfScript } from '../util/shebang.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import { containerRun } from './container-exec.js'
import { WalkMemo } from './walk-memo.js'

/** A command on the path that seeds, wipes data, or both (`migrate:fresh --seed`): one finding naming each effect. */
export interface SeedPath {
  tool: SeedTool
  /** how it seeds, when it does */
  match?: SeedMatch
  /** how it drops or wipes data, when it does */
  wipe?: WipeMatch
  command: string
  /** hops from the walked source down to the seed command */
  hops: Hop[]
  /** the outermost command on the path that does nothing but seed */
  primary: Span
  /** the environment the seed command runs with: its database URL decides what it seeds */
  env: Record<string, string>
  guards: Guard[]
  /** what the place it runs in says of production (a container of a stack named for development) */
  reasons?: ProductionReason[]
  /** the environment it runs in where it is not the context's: the server an `ssh host '…'` reaches */
  runtime?: RuntimeEnvironment
}

export interface Reach {
  seeds: SeedPath[]
  /** `cwd`: where the deploy command runs, which decides what it deploys */
  deploys: { match: DeployMatch; tool: string; span: Span; cwd: string }[]
  migrations: { tool: string; span: Span }[]
  /** `unreadable`: the file on the path that could not be read, where the finding points (an error, not a warning) */
  unresolved: { reason: string; span: Span; hops: Hop[]; unreadable?: Span }[]
  problems: { rule: 'parse-error' | 'script-cycle'; message: string; span: Span }[]
  /** everything this ran was seeding or bookkeeping (echo, cd, set): deleting it removes only seeding */
  seedOnly: boolean
  /** variables set for whatever runs next (`export`, `$GITHUB_ENV`, a `.env` file) */
  exports: Record<string, string>
}

// commands that change nothing a deploy cares about; they do not make a seed script "more than seeding"
const NEUTRAL = new Set(['echo', 'printf', 'cd', 'pushd', 'popd', 'export', 'set', 'unset', 'true', ':', 'sleep', 'exit', 'return', 'wait', 'trap', 'shift', 'local', 'declare', 'readonly', 'test', '[', '[[', 'pwd', 'date', 'which', 'type', 'hash', 'source', '.', 'ls', 'cat'])
const SHELL_FILE = /\.(sh|bash)$/
const VENV_ACTIVATE = /(^|\/)bin\/activate$/
/** commands that read a shell script named by their first operand */
const SCRIPT_READERS = new Set(['sh', 'bash', 'zsh', 'dash', 'source', '.'])

/** a local shell script a command runs, with its arguments where they are known */
interface ShellScript {
  path: string
  span: Span
  args: string[] | undefined
  /** the shell that reads it: the one named on the command line, else its `#!` line, else the caller's */
  shell: ShellKind
  name: ScriptName
}

/** names a script or program whose seeding a computed path could hide (`$(dirname "$0")/migrate.sh`, `node "$SEED_FILE"`) */
const SEED_LIKE = /seed|migrat/i

export function emptyReach(): Reach {
  return { seeds: [], deploys: [], migrations: [], unresolved: [], problems: [], seedOnly: false, exports: {} }
}

/** a file, script or config entry the chain passes through on its way to every seed and unknown below it */
function prependHop(reach: Reach, hop: Hop): void {
  for (const seed of reach.seeds) seed.hops.unshift(hop)
  for (const u of reach.unresolved) u.hops.unshift(hop)
}

/**
 * Follows commands the way a shell and the package managers would run them: through wrappers,
 * package.json scripts (with pre/post hooks where the package manager runs them), install
 * lifecycles, `sh -c` strings and local shell scripts, down to the seed and deploy commands.
 */
export class Walker {
  private readonly memo = new WalkMemo()

  private readonly custom: CustomCommands

  /** what the walk reached since the last `track()`: `script:<package.json>#<name>`, `file:<path>` */
  private reached = new Set<string>()

  constructor(
    private readonly project: Project,
    private readonly config: SeedguardConfig = DEFAULT_CONFIG,
  ) {
    this.custom = customCommands(config)
  }

  /** Starts a fresh record of the package scripts and shell files the walk reaches, and returns it. */
  track(): ReadonlySet<string> {
    this.reached = new Set()
    return this.reached
  }

  /** `args`: the positional parameters the source runs with, where its command line is known; `name`: what a script file was run as */
  walkSource(source: ShellSource, cwd: string, env: Record<string, string>, stack: string[] = [], args?: readonly string[], name?: ScriptName): Reach {
    if (source.shell !== 'bash' && source.shell !== 'sh' && source.shell !== 'sh-or-bash') return emptyReach()
    this.reached.add(`file:${source.file}`)
    const lines = this.project.cache.get(source.file)
    const parsed = lines ? parseShellOnce(source, lines, cwd, args, name, this.expandedEnvironment(source.text, env)) : { commands: [], errors: [] }
    const reach = emptyReach()
    for (const error of parsed.errors) reach.problems.push({ rule: 'parse-error', message: `shell syntax: ${error.message}`, span: error.span })
    let anySeed = false
    let onlySeed = true
    let running = env
    for (const command of parsed.commands) {
      const inner = this.walkCommand(command, running, stack)
      const written = envWrittenBy(command, this.project)
      if (Object.keys(written).length > 0) {
        running = { ...running, ...written }
        Object.assign(reach.exports, written)
      }
      merge(reach, inner)
      if (inner.seeds.length > 0) anySeed = true
      if (!inner.seedOnly && !isNeutral(command)) onlySeed = false
    }
    reach.seedOnly = anySeed && onlySeed
    return reach
  }

  /**
   * The variables of `env` the text expands whose values are plain text: the shell expands them
   * like its own (`$POST_DEPLOY` runs the command the CI job's `variables:` hold). A value that
   * itself expands (`$CI_X`, `${{ secrets.X }}`) is only known at run time and stays unexpanded.
   */
  private expandedEnvironment(text: string, env: Record<string, string>): Record<string, string> {
    const observed = this.memo.observed(env)
    const expanded: Record<string, string> = {}
    for (const name of Object.keys(env)) {
      if (!text.includes(name) || !/^[A-Za-z_]\w*$/.test(name) || !new RegExp(`\\$\\{?${name}\\b`).test(text)) continue
      const value = observed[name]!
      if (!/[$`]/.test(value)) expanded[name] = value
    }
    return expanded
  }

  private walkCommand(command: SimpleCommand, outerEnv: Record<string, string>, stack: string[]): Reach {
    const env = { ...outerEnv, ...command.assignments }
    const unwrapped = unwrap(command.words)
    Object.assign(env, unwrapped.env)
    const reach = unwrapped.commandString
      ? this.walkWordAsShell(unwrapped.commandString, command.cwd, env, stack)
      : this.walkRemoteOrWords(unwrapped.words, command, env, stack)
    // most commands lead nowhere: their hop's label is written only for a chain that needs it
    if (reach.seeds.length === 0 && reach.unresolved.length === 0) return reach
    const hop: Hop = { span: command.span, label: `\`${commandText(command.words)}\`` }
    const runtime: Guard[] = unwrapped.runtimeGuard ? [{ variable: 'seedguard', op: 'runtime', values: [], negated: false, text: 'seedguard guard', span: command.span }] : []
    for (const seed of reach.seeds) {
      seed.hops.unshift(hop)
      seed.guards = [...command.guards, ...runtime, ...seed.guards]
      if (reach.seedOnly) seed.primary = command.span
    }
    for (const u of reach.unresolved) u.hops.unshift(hop)
    return reach
  }

  /** a platform's own invocations (the buildpack's install and build), located at the config that implies them */
  walkInvocationsAt(invocations: PlatformInvocation[], span: Span, cwd: string, env: Record<string, string>): Reach {
    const command: SimpleCommand = { words: [], assignments: {}, exported: {}, writes: [], span, cwd, guards: [], shell: 'sh' }
    return this.walkInvocations(invocations, command, env, [], 0)
  }

  /** `heroku run …`, `ssh host '…'`: the inner command runs in the deployed app, with its environment; `docker compose exec app …`: in the service's container */
  private walkRemoteOrWords(words: ShellWord[], command: SimpleCommand, env: Record<string, string>, stack: string[]): Reach {
    const task = ecsRunTask(words, command.cwd, this.project)
    if (task) return this.walkEcsTask(task, command, stack)
    const remote = matchRemote(words)
    if (!remote) return this.walkWords(words, command, env, stack, 0)
    const innerText = remote.commandString?.value ?? commandText(remote.words ?? [])
    const container = remote.container && containerRun(this.project, this.config, remote.container, words.map((w) => w.value), innerText, command.cwd, env)
    const innerEnv = container ? container.env : remote.target ? {} : env
    const within = container?.cwd === undefined ? command : { ...command, cwd: container.cwd }
    const inner = remote.commandString ? this.walkWordAsShell(remote.commandString, within.cwd, innerEnv, stack) : this.walkWords(unwrap(remote.words ?? []).words, within, innerEnv, stack, 1)
    if (container) prependHop(inner, { span: command.span, label: container.label })
    // a stack, service or namespace named for development holds for what runs in it, whatever else the job deploys
    const against = container?.against ?? (remote.target?.target === 'not-production' ? { kind: 'environment' as const, towards: false, detail: remote.target.detail, span: command.span } : undefined)
    if (against) for (const seed of inner.seeds) seed.reasons = [...(seed.reasons ?? []), { ...against, span: command.span }]
    if (remote.target) inner.deploys.push({ match: remote.target, tool: 'remote-exec', span: command.span, cwd: command.cwd })
    if (remote.target && !container) {
      const there = remoteRuntime(words)
      for (const seed of inner.seeds) {
        seed.runtime ??= there
        seed.guards = seed.guards.map((guard) => (guard.runtime ? guard : { ...guard, runtime: there }))
      }
    }
    return inner
  }

  /** each command an ECS task override runs, where the override writes it, with the task's environment (not the caller's) */
  private walkEcsTask(task: EcsTask, command: SimpleCommand, stack: string[]): Reach {
    const reach = emptyReach()
    if (task.unreadable) reach.unresolved.push({ reason: task.unreadable, span: command.span, hops: [] })
    for (const words of task.commands) {
      const inner = this.walkWords(words, { ...command, words, span: words[0]!.span }, {}, stack, 1)
      if (task.file) prependHop(inner, { span: words[0]!.span, label: `command override in ${task.file}` })
      merge(reach, inner)
    }
    reach.deploys.push({ match: task.target, tool: 'remote-exec', span: command.span, cwd: command.cwd })
    return reach
  }

  private walkWords(words: ShellWord[], command: SimpleCommand, env: Record<string, string>, stack: string[], depth: number): Reach {
    const first = words[0]
    if (!first || depth > 8) return emptyReach()
    const cwd = command.cwd
    // the repository's own seed and deploy commands (config) are taken at their word
    const argv = words.map((w) => w.value)
    if (this.custom.seed(argv) || this.custom.deploy(argv)) return this.matchLeaf(words, command, env)
    const invocations = resolveRunner(words, { cwd, project: this.project })
    if (invocations) return this.walkInvocations(invocations, command, env, stack, depth, words)
    const script = TOOL_LAUNCHER.test(first.value) ? undefined : this.shellScriptOf(words, cwd, command.shell)
    if (script && 'unreadable' in script) {
      // what cannot be read cannot be proven not to seed (#3: a 3 MiB script, a link out of the repo)
      const reach = emptyReach()
      reach.unresolved.push({ reason: script.unreadable, span: command.span, hops: [], ...(script.at ? { unreadable: script.at } : {}) })
      return reach
    }
    if (script) return this.walkShellFile(script, cwd, env, stack)
    const leaf = this.matchLeaf(words, command, env)
    const computed = leaf.seeds.length === 0 ? computedSeedLikePath(words) : undefined
    // a seed or migration script named by a path only known at run time cannot be read, nor proven not to seed
    if (computed) leaf.unresolved.push({ reason: `\`${computed}\` is a path only known at run time`, span: command.span, hops: [] })
    return leaf
  }

  /** `words`: the command the runner read, judged by its name where the runner cannot follow it */
  private walkInvocations(invocations: (Invocation | PlatformInvocation)[], command: SimpleCommand, env: Record<string, string>, stack: string[], depth: number, words?: ShellWord[]): Reach {
    const reach = emptyReach()
    let anySeed = false
    let onlySeed = true
    for (const invocation of invocations) {
      let inner: Reach
      switch (invocation.kind) {
        case 'script':
          inner = this.walkScript(invocation.packageDir, invocation.name, invocation.ifPresent, invocation.hooks, command.span, env, stack)
          break
        case 'install':
          inner = this.walkInstall(invocation.packageDir, env, stack)
          break
        case 'command-string':
          inner = this.walkWordAsShell(invocation.word, invocation.cwd ?? command.cwd, env, stack)
          if (invocation.label !== undefined) prependHop(inner, { span: invocation.word.span, label: invocation.label })
          break
        case 'exec':
          inner = this.walkWords(unwrap(invocation.words).words, invocation.cwd === undefined ? command : { ...command, cwd: invocation.cwd }, env, stack, depth + 1)
          break
        case 'leaf':
          inner = this.matchLeaf(invocation.words, command, env)
          break
        case 'run':
          inner = this.walkWords(invocation.argv.map((value) => ({ value, span: command.span, dynamic: false })), command, env, stack, depth + 1)
          prependHop(inner, { span: command.span, label: `\`${invocation.argv.join(' ')}\`` })
          break
        case 'unresolved': {
          inner = emptyReach()
          // a package.json that cannot be parsed hides its scripts: that, not "no such script", is the problem
          const broken = this.project.brokenPackageFor(command.cwd)
          if (broken) inner.unresolved.push({ reason: `${broken.file}: ${broken.message}`, span: command.span, hops: [], unreadable: broken.span })
          else {
            // what cannot be followed may still be named for seeding (`npm run db:seed` with no package.json): no false green
            const named = words ? this.matchLeaf(words, command, env) : emptyReach()
            if (named.seeds.length > 0) inner = named
            else inner.unresolved.push({ reason: invocation.reason, span: command.span, hops: [] })
          }
          break
        }
      }
      merge(reach, inner)
      if (inner.seeds.length > 0) anySeed = true
      // a missing `--if-present` script runs nothing; an install installs, so it is never "only seeding"
      const ranNothing = invocation.kind === 'script' && !this.scriptExists(invocation)
      if ((!inner.seedOnly && !ranNothing) || invocation.kind === 'install' || invocation.kind === 'run') onlySeed = false
    }
    reach.seedOnly = anySeed && onlySeed
    return reach
  }

  private scriptExists(invocation: Extract<Invocation, { kind: 'script' }>): boolean {
    return this.project.packages.get(invocation.packageDir)?.scripts.has(invocation.name) ?? false
  }

  /** `npm run X`: preX, X, postX of one package.json, each a hop in the chain */
  private walkScript(dir: string, name: string, ifPresent: boolean, hooks: boolean, at: Span, env: Record<string, string>, stack: string[]): Reach {
    const pkg = this.project.packages.get(dir)
    const script = pkg?.scripts.get(name)
    const reach = emptyReach()
    if (!pkg || !script) {
      if (!ifPresent) reach.unresolved.push({ reason: `${pkg?.file ?? `${dir}/package.json`} has no script \`${name}\``, span: at, hops: [] })
      return reach
    }
    const runsHooks = hooks && this.project.packageManagerFor(dir).runsPrePost && !name.startsWith('pre') && !name.startsWith('post')
    const names = runsHooks ? [`pre${name}`, name, `post${name}`].filter((n) => pkg.scripts.has(n)) : [name]
    let onlySeed = true
    for (const n of names) {
      const inner = this.walkPackageScript(dir, n, env, stack)
      merge(reach, inner)
      if (!inner.seedOnly) onlySeed = false
    }
    reach.seedOnly = reach.seeds.length > 0 && onlySeed
    return reach
  }

  private walkPackageScript(dir: string, name: string, env: Record<string, string>, stack: string[]): Reach {
    const pkg = this.project.packages.get(dir)!
    const script = pkg.scripts.get(name)!
    const key = `script:${pkg.file}#${name}`
    this.reached.add(key)
    return this.guarded(key, script.span, dir, env, stack, () => {
      const inner = this.walkSource(script.source, dir, env, [...stack, key])
      const hop: Hop = { span: script.span, label: `${pkg.file} \`${name}\`` }
      prependHop(inner, hop)
      return inner
    })
  }

  /** npm ci / npm install run the package's install lifecycle (preinstall, install, postinstall, prepare) */
  private walkInstall(dir: string, env: Record<string, string>, stack: string[]): Reach {
    const pkg = this.project.packages.get(dir)
    const reach = emptyReach()
    if (!pkg) return reach
    const manager = this.project.packageManagerFor(dir)
    const lifecycle = manager.id === 'yarn-berry' ? ['preinstall', 'install', 'postinstall'] : ['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare']
    for (const name of lifecycle) if (pkg.scripts.has(name)) merge(reach, this.walkPackageScript(dir, name, env, stack))
    reach.seedOnly = false
    return reach
  }

  private walkShellFile({ path, span, args, shell, name }: ShellScript, cwd: string, env: Record<string, string>, stack: string[]): Reach {
    const key = `file:${path}`
    this.reached.add(key)
    // the same script run with other arguments, under another name or shell can take other branches
    return this.guarded(key, span, `${cwd}\0${JSON.stringify([args ?? null, name, shell])}`, env, stack, () => {
      const lines = this.project.cache.get(path)
      if (!lines) return emptyReach()
      const source: ShellSource = { text: lines.text, offsets: (i) => i, file: path, shell }
      const inner = this.walkSource(source, cwd, env, [...stack, key], args, name)
      const hop: Hop = { span: lines.span(0, lines.lineText(1).length), label: `script ${path}` }
      prependHop(inner, hop)
      return inner
    })
  }

  private walkWordAsShell(word: ShellWord, cwd: string, env: Record<string, string>, stack: string[]): Reach {
    const lines = this.project.cache.get(word.span.file)
    if (!lines) return emptyReach()
    // `sh -c "npx prisma db seed --schema $SCHEMA"`: the outer shell expands `$SCHEMA` first; read
    // as written, the inner shell sees the same unknown value, and the seed is not lost
    const source: ShellSource = { text: word.value, offsets: alignValue(word.value, lines.text, word.span.start.offset, word.span.end.offset), file: word.span.file, shell: 'sh' }
    return this.walkSource(source, cwd, env, stack)
  }

  /**
   * cycle detection and memoisation of scripts and files; `variant` is what else the walk depends
   * on besides the environment: the directory (a file runs in its caller's), the arguments
   */
  private guarded(key: string, at: Span, variant: string, env: Record<string, string>, stack: string[], walk: () => Reach): Reach {
    if (stack.includes(key)) {
      const reach = emptyReach()
      reach.problems.push({ rule: 'script-cycle', message: `${key.replace(/^\w+:/, '')} runs itself again; the cycle stops here`, span: at })
      return reach
    }
    return this.memo.walk(`${key}\0${variant}`, env, walk)
  }

  /** `at`: the script is in the tree but cannot be read */
  private shellScriptOf(words: ShellWord[], cwd: string, caller: ShellKind): ShellScript | { unreadable: string; at?: Span } | undefined {
    const [first] = words
    if (!first) return undefined
    const { target, viaShell } = programOf(words)
    if (!target || target.dynamic || target.value.startsWith('-')) return undefined
    if (!viaShell && !target.value.includes('/') && !SHELL_FILE.test(target.value)) return undefined
    const path = joinPath(cwd, target.value)
    if (path === undefined) return undefined
    if (!this.project.cache.exists(path)) {
      const why = this.project.cache.unreadable(path)
      // `./bin/server` built for the platform is a program, not a script to read
      if (why?.cause === 'encoding' && !viaShell && !SHELL_FILE.test(path)) return undefined
      if (why) return { unreadable: `${path}: ${cannotBeRead(why)}`, at: fileStartSpan(path) }
      // a shell script named by path (or handed to a shell) but absent: generated at build time,
      // or a typo. A bare `jemalloc.sh` is looked up on PATH, where a buildpack may provide it;
      // `bin/rails` is a command the recognisers know
      // `source .venv/bin/activate`: the activation script `python -m venv` writes into the environment
      // it creates, which only sets VIRTUAL_ENV and PATH (https://docs.python.org/3/library/venv.html#how-venvs-work)
      if (['source', '.'].includes(first.value) && VENV_ACTIVATE.test(path)) return undefined
      return viaShell || (SHELL_FILE.test(path) && target.value.includes('/')) ? { unreadable: `${path} is not in the repository` } : undefined
    }
    const text = this.project.cache.get(path)!.text
    // a `./bin/server` binary or a node script is not ours to parse as shell
    if (!viaShell && !SHELL_FILE.test(path) && !/^#!.*\b(ba|da|z)?sh\b/.test(text)) return undefined
    const rest = words.slice(viaShell ? 2 : 1)
    const sourced = ['source', '.'].includes(first.value)
    // a computed argument may split into any number of words; a script sourced without arguments sees its caller's
    const args = rest.some((w) => w.dynamic) || (rest.length === 0 && sourced) ? undefined : rest.map((w) => w.value)
    // a file without `#!` is run by the shell that tried to execute it (https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_09_01_04)
    const shell = sourced ? caller : viaShell ? (['bash', 'zsh'].includes(first.value) ? 'bash' : 'sh') : /^#!/.test(text) ? (shellOfScript(text) ?? caller) : caller
    // `$0` is the name the script was run by; a sourced file keeps its caller's (https://www.gnu.org/software/bash/manual/html_node/Special-Parameters.html)
    const name: ScriptName = sourced ? { bashSource: target.value } : { zero: target.value, bashSource: target.value }
    return { path, span: target.span, args, shell, name }
  }

  private matchLeaf(words: ShellWord[], command: SimpleCommand, env: Record<string, string>): Reach {
    const reach = emptyReach()
    const leaf: LeafCommand = { argv: words.map((w) => w.value), env: this.memo.observed(env), cwd: command.cwd, ...(command.heredoc && { stdin: command.heredoc.text }), ...(command.input && !command.input.dynamic && { stdinFile: command.input.value }) }
    const customSeed = this.custom.seed(leaf.argv)
    const seed = customSeed ? { tool: customSeed, match: customSeed.match!(leaf, this.project)! } : matchSeed(leaf, this.project)
    // a command that wipes may seed too (`migrate:fresh --seed`, `psql -f seed.sql` that truncates first): one path, both effects
    const wiping = matchWipe(leaf, this.project)
    const tool = seed?.tool ?? wiping?.tool
    if (tool) {
      const wipe = wiping?.wipe
      const within = seed?.match.within ?? wipe?.within
      const step = within?.more ? within.hops.at(-1)?.span : undefined
      const guards = seed?.match.guards ?? (seed?.match.runs && this.seedCommandGuards(seed.match.runs)) ?? wipe?.guards ?? []
      const hops: Hop[] = [...(within?.hops ?? [])]
      if (seed?.match.runs) hops.push({ span: seed.match.runs.span, label: `${tool.title} seed command \`${seed.match.runs.source.text}\`` })
      const named = tool.environmentVariable === undefined ? undefined : tool.namedEnvironment?.(leaf)
      const seedEnv = { ...env, ...tool.connection?.(leaf), ...(named === undefined ? {} : { [tool.environmentVariable!]: named }) }
      reach.seeds.push({ tool, ...(seed && { match: seed.match }), ...(wipe && { wipe }), command: commandText(words), hops, primary: step ?? command.span, guards, env: seedEnv })
      reach.seedOnly = step === undefined
      return reach
    }
    const customDeploy = this.custom.deploy(leaf.argv)
    const deploy = customDeploy ? { match: customDeploy, tool: { id: 'config' } } : matchDeploy(leaf)
    if (deploy) reach.deploys.push({ match: deploy.match, tool: deploy.tool.id, span: command.span, cwd: command.cwd })
    const migration = matchMigration(leaf, this.project)
    if (migration) reach.migrations.push({ tool: migration.id, span: command.span })
    return reach
  }

  /** `prisma db seed` runs the configured seed command: a single script it runs may exit at its top, as a guard */
  private seedCommandGuards(runs: PackageScript): Guard[] | undefined {
    const lines = this.project.cache.get(runs.source.file)
    if (!lines) return undefined
    const [command, ...more] = parseShellOnce(runs.source, lines, dirnameOf(runs.source.file)).commands
    return command && more.length === 0 ? scriptGuards(command.words.map((w) => w.value), command.cwd, this.project) : undefined
  }
}

/**
 * The Maven and Gradle wrappers a repository commits (`./mvnw`, `./gradlew`) download the tool and
 * start it with their arguments: the command is the tool's, not the launcher script's
 * (https://maven.apache.org/tools/wrapper/, https://docs.gradle.org/current/userguide/gradle_wrapper.html).
 */
const TOOL_LAUNCHER = /(?:^|\/)(?:mvnw|gradlew)$/

/** the word naming what a command runs: the script a shell is handed (`bash x.sh`, `. x.sh`), else the command itself */
function programOf(words: ShellWord[]): { target: ShellWord | undefined; viaShell: boolean } {
  const [first, second] = words
  const viaShell = first !== undefined && SCRIPT_READERS.has(first.value)
  return { target: viaShell ? second : first, viaShell }
}

/** the script or program path a command runs, where it is computed and named like a seed or migration */
function computedSeedLikePath(words: ShellWord[]): string | undefined {
  const program = programOf(words).target
  if (program?.dynamic) return SEED_LIKE.test(program.value) ? program.value : undefined
  const file = scriptOf(words.map((w) => w.value))
  const word = file === undefined ? undefined : words.find((w) => w.value === file)
  return word?.dynamic && SEED_LIKE.test(word.value) ? word.value : undefined
}

function isNeutral(command: SimpleCommand): boolean {
  const name = command.words[0]?.value
  return name !== undefined && NEUTRAL.has(name)
}

function merge(into: Reach, from: Reach): void {
  into.seeds.push(...from.seeds)
  into.deploys.push(...from.deploys)
  into.migrations.push(...from.migrations)
  into.unresolved.push(...from.unresolved)
  into.problems.push(...from.problems)
  Object.assign(into.exports, from.exports)
}

/**
 * Where `ssh host '…'`, `heroku run …` or `kubectl exec pod -- …` runs its command: the server's,
 * dyno's or pod's own environment, which no variable of the job reaches (ssh sends only what
 * SendEnv names and the server's AcceptEnv takes: https://man.openbsd.org/ssh_config#SendEnv).
 */
function remoteRuntime(words: ShellWord[]): RuntimeEnvironment {
  return { unset: 'unknown', label: `the machine \`${commandText(words.slice(0, 2))}\` runs it on (its own settings; the job's variables do not reach it)` }
}
