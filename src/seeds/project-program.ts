// https://12factor.net/admin-processes (a project ships its own admin commands and runs them as one-off processes)
import type { LeafCommand } from '../model/command.js'
import { isSeedCommandName, isSeedSwitch } from './argv.js'
import { interpretedScript } from './seed-file.js'
import { cargoRun, goRun } from './toolchain-run.js'
import type { SeedTool } from './types.js'

/**
 * The program the project builds itself and the arguments it is given: a path (`./admin`,
 * `/app/server`, `bin/api`), `java -jar app.jar …`, `go run ./cmd/admin …`, `cargo run -- …`,
 * a script an interpreter runs (`node dist/cli.js …`, `python manage.py …`).
 * Known tools have recognisers of their own and come first.
 */
function programRun({ argv }: LeafCommand): { program: string; args: string[] } | undefined {
  const [program = '', ...rest] = argv
  if (program === 'java') {
    const jar = rest.indexOf('-jar')
    return jar < 0 || rest[jar + 1] === undefined ? undefined : { program: rest[jar + 1]!, args: rest.slice(jar + 2) }
  }
  const go = goRun(argv)
  if (go) return { program: go.target, args: go.args.filter((word) => word !== '--') }
  const cargo = cargoRun(argv)
  if (cargo) return { program: 'cargo run', args: cargo.args }
  // a script of the project an interpreter runs (`node dist/cli.js seed`, a NestJS or commander CLI): the words after it are its own
  const interpreted = interpretedScript(argv)
  if (interpreted) return { program: interpreted.script, args: interpreted.args }
  return program.includes('/') ? { program, args: rest } : undefined
}

/** The subcommand (`./admin migrate-seed`) or switch (`/app/server -seed`) named for seeding, if one. */
function seedArgument(args: readonly string[]): string | undefined {
  const subcommand = args[0]
  if (subcommand !== undefined && !subcommand.startsWith('-') && isSeedCommandName(subcommand)) return subcommand
  return args.find((arg, i) => arg.startsWith('-') && isSeedSwitch(arg, args[i + 1]))
}

const projectProgram: SeedTool = {
  id: 'project-program',
  title: "Project's own program",
  docs: 'https://12factor.net/admin-processes',
  // only the program's own code says what the subcommand or switch does: a seed is possible, never certain
  match: (cmd) => {
    const run = programRun(cmd)
    const argument = run && seedArgument(run.args)
    return argument === undefined ? undefined : { confidence: 'low', note: `\`${argument}\` is given to \`${run!.program}\`, the project's own program, which may seed when given it` }
  },
}
export default projectProgram
