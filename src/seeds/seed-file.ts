// https://www.prisma.io/docs/orm/prisma-migrate/workflows/seeding (a seed is usually a script run by an interpreter)
import type { Project } from '../project/project.js'
import type { Guard } from '../model/guard.js'
import { joinPath } from '../util/paths.js'
import { basename, isSeedPath, mentionsSeed, stripBundleExec } from './argv.js'
import type { SeedTool } from './types.js'

interface Interpreter {
  /** flags whose value is the next word */
  valued: string[]
  /** flags after which no script file runs: inline code, a syntax check, a test runner */
  noFile: string[]
  /** subcommand words before the file (`deno run`, `tsx watch`, `bun run`) */
  skip: string[]
  /** the file must look like a path: a bare word is a package script or a subcommand (`bun seed`, `deno task`) */
  pathOnly?: boolean
  /** only after a `skip` word does a file run: `go build ./cmd/seed` and `payload migrate` run none */
  skipRequired?: boolean
}

const NODE_VALUED = ['-r', '--require', '--import', '--loader', '--experimental-loader', '--env-file', '--env-file-if-exists', '-C', '--conditions', '--input-type', '--title']
const NODE: Interpreter = { valued: NODE_VALUED, noFile: ['-e', '--eval', '-p', '--print', '-c', '--check', '--test', '-i', '--interactive'], skip: [] }
const TS_NODE: Interpreter = { valued: [...NODE_VALUED, '-P', '--project', '-O', '--compiler-options', '--compiler', '-I', '--ignore', '--cwd', '--dir', '--transpiler'], noFile: NODE.noFile, skip: [] }
const VITE_NODE: Interpreter = { valued: [...NODE_VALUED, '--root', '--config', '-m', '--mode', '--options'], noFile: ['-e', '--eval'], skip: [] }
const PYTHON: Interpreter = { valued: ['-W', '-X', '-Q'], noFile: ['-c'], skip: [] }

const INTERPRETERS: Record<string, Interpreter> = {
  node: NODE,
  tsx: { ...NODE, valued: [...NODE_VALUED, '--tsconfig'], skip: ['watch'] },
  'ts-node': TS_NODE,
  'ts-node-esm': TS_NODE,
  'ts-node-script': TS_NODE,
  // ts-node-dev and nodemon restart the script they run on changes (https://github.com/wclr/ts-node-dev, https://github.com/remy/nodemon#usage)
  'ts-node-dev': TS_NODE,
  nodemon: { ...NODE, valued: [...NODE_VALUED, '-w', '--watch', '-e', '--ext', '-i', '--ignore', '-x', '--exec', '-d', '--delay', '--signal', '--config'] },
  esno: NODE,
  esr: NODE,
  'vite-node': VITE_NODE,
  'babel-node': { ...NODE, valued: [...NODE_VALUED, '--presets', '--plugins', '-x', '--extensions', '--config-file', '--only', '--ignore'] },
  'swc-node': NODE,
  bun: { valued: ['-r', '--preload', '--env-file', '--cwd', '-c', '--config', '--conditions', '--tsconfig-override'], noFile: ['-e', '--eval', '-p', '--print'], skip: ['run'], pathOnly: true },
  deno: { valued: ['-c', '--config', '--import-map', '--lock', '--cert', '--location', '--env-file'], noFile: [], skip: ['run'], pathOnly: true },
  python: PYTHON,
  ruby: { valued: ['-I', '-r', '-C', '-E'], noFile: ['-e'], skip: [] },
  // `go run ./cmd/seed`, `go run cmd/seed/main.go`: the package or file is the script (https://pkg.go.dev/cmd/go#hdr-Compile_and_run_Go_program)
  go: {
    valued: ['-C', '-p', '-asmflags', '-buildmode', '-compiler', '-gccgoflags', '-gcflags', '-installsuffix', '-ldflags', '-mod', '-modfile', '-overlay', '-pgo', '-pkgdir', '-tags', '-toolexec', '-exec'],
    noFile: [],
    skip: ['run'],
    skipRequired: true,
  },
  // `payload run src/seed.ts` runs a script with Payload's config and environment loaded (https://payloadcms.com/docs/local-api/outside-nextjs)
  payload: { valued: [], noFile: [], skip: ['run'], skipRequired: true },
}

function interpreterOf(program: string): Interpreter | undefined {
  const name = basename(program)
  return /^python[\d.]*$/.test(name) ? PYTHON : INTERPRETERS[name]
}

/**
 * The script file a command runs: `node -r dotenv/config dist/seed.js` → `dist/seed.js`,
 * `python -m app.seed` → `app/seed.py`, `./scripts/seed.ts` (run by its shebang) → itself.
 */
export function scriptOf(argv: readonly string[]): string | undefined {
  // `bundle exec ruby db/seeds.rb` runs the script with the Gemfile's gems loaded (https://bundler.io/man/bundle-exec.1.html)
  const run = stripBundleExec(argv)
  const [program = ''] = run
  return interpreterOf(program) ? interpretedScript(run)?.script : program.includes('/') ? program : undefined
}

/**
 * The script an interpreter runs and the arguments after it, which the script reads itself:
 * `node dist/cli.js seed` → `dist/cli.js` with `seed` (https://nodejs.org/api/cli.html#synopsis).
 */
export function interpretedScript(argv: readonly string[]): { script: string; args: string[] } | undefined {
  const [program = '', ...args] = argv
  const interpreter = interpreterOf(program)
  if (!interpreter) return undefined
  let skipped = false
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!
    if (interpreter === PYTHON && a === '-m') {
      const module = args[i + 1]
      return module === undefined ? undefined : { script: module.replaceAll('.', '/').concat('.py'), args: args.slice(i + 2) }
    }
    if (a.startsWith('-') && a !== '-') {
      if (interpreter.noFile.includes(a.split('=')[0]!)) return undefined
      if (interpreter.valued.includes(a)) i++
    } else if (!skipped && interpreter.skip.includes(a)) skipped = true
    else if (interpreter.skipRequired && !skipped) return undefined
    else return interpreter.pathOnly && !/[/.]/.test(a) ? undefined : { script: a, args: args.slice(i + 1) }
  }
  return undefined
}

/** The guards an exit at the top of the script `argv` runs sets up (facts/script-guards.ts), if it has one. */
export function scriptGuards(argv: readonly string[], cwd: string, project: Project): Guard[] | undefined {
  const file = scriptOf(argv)
  const path = file === undefined ? undefined : joinPath(cwd, file)
  return path === undefined ? undefined : project.seedScriptGuards?.get(path)
}

const seedFile: SeedTool = {
  id: 'seed-file',
  title: 'Seed script',
  docs: 'https://www.prisma.io/docs/orm/prisma-migrate/workflows/seeding',
  match: ({ argv, cwd }, project) => {
    const file = scriptOf(argv)
    if (file === undefined) return undefined
    // an exit at the top of the script (`if (process.env.VERCEL_ENV === 'production') process.exit(0)`)
    const guards = scriptGuards(argv, cwd, project)
    const guarded = guards ? { guards } : {}
    if (isSeedPath(file)) return { confidence: 'high', note: `runs the seed script \`${file}\``, ...guarded }
    if (mentionsSeed(file)) return { confidence: 'medium', note: `runs \`${file}\`, which is named as a seed script`, ...guarded }
    return undefined
  },
}
export default seedFile
