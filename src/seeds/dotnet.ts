// https://learn.microsoft.com/en-us/dotnet/core/tools/dotnet-run
import type { LeafCommand } from '../model/command.js'
import { isSeedSwitch } from './argv.js'
import type { SeedTool } from './types.js'

/** The arguments a .NET app is given: after `--` in `dotnet run … -- args`, after the dll in `dotnet App.dll args`. */
function appArgsOf({ argv }: LeafCommand): string[] {
  if (argv[0] !== 'dotnet') return []
  if (argv[1] === 'run') {
    const end = argv.indexOf('--')
    return end < 0 ? [] : argv.slice(end + 1)
  }
  return argv[1]?.endsWith('.dll') ? argv.slice(2) : []
}

const dotnet: SeedTool = {
  id: 'dotnet',
  title: '.NET app',
  docs: 'https://learn.microsoft.com/en-us/dotnet/core/tools/dotnet-run',
  environmentVariable: 'ASPNETCORE_ENVIRONMENT',
  // a switch the app reads itself (`if (args.Contains("--seed"))`): likely, but only its own code says what it does
  match: (cmd) => {
    const args = appArgsOf(cmd)
    const flag = args.find((arg, i) => isSeedSwitch(arg, args[i + 1]))
    return flag === undefined ? undefined : { confidence: 'low', note: `\`${flag}\` is passed to the app, which may seed when given it` }
  },
  // EF Core migrations (https://learn.microsoft.com/en-us/ef/core/cli/dotnet#dotnet-ef-database-update)
  migrates: ({ argv }) => argv[0] === 'dotnet' && argv[1] === 'ef' && argv[2] === 'database' && argv[3] === 'update',
}
export default dotnet
