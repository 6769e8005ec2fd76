import { statSync } from 'node:fs'
import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { runCheck } from '../analysis/check.js'
import { ConfigError, loadConfig } from '../config/load.js'
import { DiskFiles, FileCache } from '../project/files.js'
import { readFacts } from '../project/facts.js'
import { reporters, type Format } from '../report/index.js'
import { useColor } from '../report/text.js'
import { EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, type CliIo } from './io.js'
import { VERSION } from './version.js'

export const CHECK_HELP = `Usage: seedguard check [path] [options]

Reads the repository at [path] (default: .) the way CI and the hosting platform run it, follows
every production deploy path down to the shell commands it runs, and fails when one of them seeds
a database.

Options:
  --format <text|json|sarif|github>  output format (default: text)
  --fail-on <error|warning|never>    which findings fail the run (default: error)
  --config <file>                    config file (default: .seedguard.yml in [path])
  -h, --help                         this help

What is read: .github/workflows/*.yml (jobs, environments, triggers, if:, env, matrices, local
composite actions and reusable workflows), every package.json (npm, yarn, pnpm, bun scripts,
pre/post hooks where the package manager runs them, install lifecycles, workspaces, npm-run-all,
concurrently, turbo) and the shell scripts they call. Other CI systems (GitLab CI, CircleCI,
Bitbucket, Azure Pipelines, Buildkite, Jenkins, Drone, Travis) are not read: their files get a note.

Rules:
  seed-in-production            error: a seed command is reachable from a production deploy path
  seed-possibly-in-production   warning: a seed is reachable, but production-ness is uncertain
  unresolved-on-production-path warning: a command on a production path cannot be followed
  parse-error                   a file cannot be parsed (error when it is a deploy path)
  suppression-without-reason    warning: a seedguard-ignore comment gives no reason
  invalid-suppression           warning: a seedguard-ignore comment names no rule or an unknown one
  unused-suppression            warning: a seedguard-ignore comment covers no finding
  ci-not-analysed               note: a CI file seedguard does not read; never fails a run

Config (.seedguard.yml, or a "seedguard" key in package.json; schema/seedguard.schema.json):
  production-environments: [production, prod, live, prd]
  non-production-environments: [staging, preview, ...]
  default-branches: [main, master]
  seed-commands: ["make demo-data"]      # your own seed commands
  deploy-commands: ["./scripts/ship.sh"] # your own production deploys
  ignore: ["legacy/**"]
  allow:
    - { file: ".github/workflows/demo.yml", rule: seed-in-production, reason: "demo app, reset nightly" }

Suppress one finding inline, on its line or the line above (for a run: | block, on the run: line):
  # seedguard-ignore[seed-in-production]: the demo environment is meant to be seeded

Exit codes: 0 no failing finding, 1 failing findings, 2 usage, config or internal error.
`

export async function check(argv: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' }, 'fail-on': { type: 'string', default: 'error' }, config: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    })
  } catch (error) {
    io.stderr.write(`seedguard check: ${(error as Error).message}\n${CHECK_HELP}`)
    return EXIT_ERROR
  }
  const { values, positionals } = parsed
  if (values.help) {
    io.stdout.write(CHECK_HELP)
    return EXIT_OK
  }
  const format = values.format as Format
  if (!(format in reporters)) return usage(io, `unknown format \`${values.format}\` (text, json, sarif, github)`)
  const failOn = values['fail-on']
  if (failOn !== 'error' && failOn !== 'warning' && failOn !== 'never') return usage(io, `--fail-on must be error, warning or never`)
  if (positionals.length > 1) return usage(io, `one path at a time (got ${positionals.length})`)
  const root = resolve(io.cwd, positionals[0] ?? '.')
  if (!isDirectory(root)) return usage(io, `${root} is not a directory`)
  const files = new DiskFiles(root)
  const cache = new FileCache(files)
  let config
  try {
    config = loadConfig(cache, values.config)
  } catch (error) {
    if (error instanceof ConfigError) {
      io.stderr.write(`seedguard: ${error.message}\n`)
      return EXIT_ERROR
    }
    throw error
  }
  const result = runCheck(root, files, config, await readFacts(cache))
  const lines = cache
  io.stdout.write(
    reporters[format](result, {
      color: format === 'text' && useColor(io.env, io.stdout.isTTY === true),
      readLine: (file, line) => lines.get(file)?.lineText(line),
      toolVersion: VERSION,
    }),
  )
  const active = result.findings.filter((f) => !f.suppressed)
  const failing = failOn === 'never' ? [] : active.filter((f) => f.severity === 'error' || (failOn === 'warning' && f.severity === 'warning'))
  return failing.length > 0 ? EXIT_FINDINGS : EXIT_OK
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`seedguard check: ${message}\nRun \`seedguard check --help\` for usage.\n`)
  return EXIT_ERROR
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory()
  } catch {
    return false
  }
}
