// https://learn.microsoft.com/en-us/dotnet/core/tools/dotnet-run
import type { LeafCommand } from '../model/command.js'
import { sameGuards } from '../model/guard.js'
import type { Project } from '../project/project.js'
import { joinPath } from '../util/paths.js'
import { basename, isSeedSwitch } from './argv.js'
import { ENVIRONMENT_VARIABLE, type AspNetApp, type StartupCall } from './facts/aspnet-startup.js'
import type { SeedMatch, SeedTool, WipeMatch, Within } from './types.js'

/** The arguments a .NET app is given: after `--` in `dotnet run … -- args`, after the dll in `dotnet App.dll args`. */
function appArgsOf({ argv }: LeafCommand): string[] {
  if (argv[0] !== 'dotnet') return []
  if (argv[1] === 'run') {
    const end = argv.indexOf('--')
    return end < 0 ? [] : argv.slice(end + 1)
  }
  return argv[1]?.endsWith('.dll') ? argv.slice(2) : []
}

/** The web app a command starts: `dotnet <Assembly>.dll`, `dotnet run [--project <dir or csproj>]` (the working directory's project by default). */
function appStarted({ argv, cwd }: LeafCommand, project: Project): AspNetApp | undefined {
  if (argv[0] !== 'dotnet' || project.aspNetApps.length === 0) return undefined
  if (argv[1]?.endsWith('.dll')) return project.aspNetApps.find((app) => app.assembly === basename(argv[1]!).slice(0, -'.dll'.length))
  if (argv[1] !== 'run') return undefined
  const options = argv.slice(2, argv.includes('--') ? argv.indexOf('--') : undefined)
  const named = options.findIndex((a) => a === '--project' || a === '-p')
  const path = named < 0 ? cwd : joinPath(cwd, options[named + 1] ?? '')
  return project.aspNetApps.find((app) => app.dir === path || app.project === path)
}

/**
 * The calls one start runs, under the fewest conditions: those of one `if` (or none) at a time,
 * so that a seed and a wipe the start reports together run under the same conditions.
 */
function startupEffects(cmd: LeafCommand, project: Project): StartupCall[] {
  const calls = appStarted(cmd, project)?.calls ?? []
  const leastGuarded = calls.reduce<StartupCall | undefined>((best, call) => (best === undefined || call.guards.length < best.guards.length ? call : best), undefined)
  return leastGuarded ? calls.filter((call) => sameGuards(call.guards, leastGuarded.guards)) : []
}

/** the start runs the whole app: the finding points at the call, and the change is made in its code or the environment it starts with */
function withinOf(call: StartupCall, what: string): Within {
  const change = call.guards.length === 0
    ? `Run \`${call.text}\` only in development: inside \`if (app.Environment.IsDevelopment())\` (the host runs as Production unless ${ENVIRONMENT_VARIABLE} or DOTNET_ENVIRONMENT names another environment), or from a one-off command run by hand`
    : `The test around \`${call.text}\` lets it run where this app starts: leave ${ENVIRONMENT_VARIABLE} unset (Production) or set it to Production in what starts it, or run it from a one-off command by hand`
  return { hops: [{ span: call.span, label: `startup code \`${call.text}\` ${what}` }], more: true, change }
}

/**
 * `--environment <name>` on the app's command line (the host reads its command line as configuration), else
 * DOTNET_ENVIRONMENT where ASPNETCORE_ENVIRONMENT is unset: the host reads either
 * (https://learn.microsoft.com/en-us/aspnet/core/fundamentals/environments)
 */
function namedEnvironment(cmd: LeafCommand): string | undefined {
  const args = appArgsOf(cmd)
  const option = args.findIndex((a) => a === '--environment' || a.startsWith('--environment='))
  if (option >= 0) return args[option]!.includes('=') ? args[option]!.slice('--environment='.length) : args[option + 1]
  return cmd.env[ENVIRONMENT_VARIABLE] === undefined ? cmd.env.DOTNET_ENVIRONMENT : undefined
}

const dotnet: SeedTool = {
  id: 'dotnet',
  title: '.NET app',
  docs: 'https://learn.microsoft.com/en-us/dotnet/core/tools/dotnet-run',
  environmentVariable: ENVIRONMENT_VARIABLE,
  match: (cmd, project): SeedMatch | undefined => {
    const seed = startupEffects(cmd, project).find((call) => call.effect === 'seed')
    if (seed) return { confidence: 'high', note: `the app seeds on every start (\`${seed.text}\`)`, within: withinOf(seed, 'seeds'), ...(seed.guards.length > 0 && { guards: seed.guards }) }
    // a switch the app reads itself (`if (args.Contains("--seed"))`): likely, but only its own code says what it does
    const args = appArgsOf(cmd)
    const flag = args.find((arg, i) => isSeedSwitch(arg, args[i + 1]))
    return flag === undefined ? undefined : { confidence: 'low', note: `\`${flag}\` is passed to the app, which may seed when given it` }
  },
  wipes: (cmd, project): WipeMatch | undefined => {
    const wipe = startupEffects(cmd, project).find((call) => call.effect === 'wipe')
    return wipe && { confidence: 'high', note: `the app drops its database on every start (\`${wipe.text}\`)`, within: withinOf(wipe, 'drops the database'), ...(wipe.guards.length > 0 && { guards: wipe.guards }) }
  },
  // EF Core migrations (https://learn.microsoft.com/en-us/ef/core/cli/dotnet#dotnet-ef-database-update)
  migrates: ({ argv }) => argv[0] === 'dotnet' && argv[1] === 'ef' && argv[2] === 'database' && argv[3] === 'update',
  namedEnvironment,
}
export default dotnet
