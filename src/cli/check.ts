import { resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { checkRepository, failedResult } from '../analysis/repository.js'
import { failingFindings, isFailOn } from '../model/fail-on.js'
import { isRuleGroup, isSelected } from '../model/finding.js'
import { reporters, type Format } from '../report/index.js'
import { renderText, useColor } from '../report/text.js'
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
  --rules <seed,reset>               which commands to report: seed commands, reset commands
                                     (those that drop or wipe data), or both (default: seed,reset)
  -h, --help                         this help

What is read: the CI pipelines of GitHub Actions (.github/workflows/*.yml, with local composite
actions and reusable workflows), GitLab CI (.gitlab-ci.yml and its local includes), Bitbucket
(bitbucket-pipelines.yml), CircleCI (.circleci/config.yml), Azure Pipelines (azure-pipelines*.yml),
Travis CI (.travis.yml), Buildkite (.buildkite/pipeline.yml), Drone (.drone.yml) and Jenkins
(declarative Jenkinsfile): their jobs, environments, branch filters and conditions, variables;
every package.json (npm, yarn, pnpm, bun scripts,
pre/post hooks where the package manager runs them, install lifecycles, workspaces, npm-run-all,
concurrently, turbo, lerna, nx) and the shell scripts they call, and the hosting platforms' files:
  Heroku             Procfile, heroku.yml, app.json, package.json heroku-* scripts
  Render             render.yaml
  Railway            railway.json, railway.toml, nixpacks.toml, nixpacks.json, railpack.json
  Fly.io             fly.toml, fly.*.toml
  Vercel             vercel.json, now.json, .vercel/project.json, package.json vercel-build
  Netlify            netlify.toml
  DigitalOcean       .do/*.yaml, app.yaml
  Kamal              config/deploy.yml, .kamal/hooks/*
  Elastic Beanstalk  .platform/hooks/*/*, .platform/confighooks/*/*, .ebextensions/*.config
  AWS CodeDeploy     appspec.yml hooks
  Kubernetes/Helm    manifests and charts a deploy applies (kubectl apply -f, helm upgrade)
  Docker             Dockerfile, Dockerfile.*, *.Dockerfile
  compose            compose.yaml, docker-compose.yml and their *.<name>.yml variants
  make               Makefile, makefile, GNUmakefile
Other CI and deploy systems (Woodpecker, Semaphore, AWS CodeBuild, Google Cloud Build,
AppVeyor, Bitrise, Codefresh, TeamCity) are not read: their files get a note.

Rules:
  seed-in-production            error: a seed command is reachable from a production deploy path
  seed-possibly-in-production   warning: a seed is reachable, but production-ness is uncertain
  reset-in-production           error: a command that drops or wipes data is reachable from a
                                production deploy path (one that seeds too is named for both)
  reset-possibly-in-production  warning: a reset is reachable, but production-ness is uncertain, or
                                the tool refuses it there unless told otherwise
  unresolved-on-production-path warning: a command on a production path cannot be followed
  parse-error                   a file cannot be read or parsed: a warning where the platform refuses it
                                too (the deploy fails first), an error where it would run
  script-cycle                  warning: package scripts call each other in a cycle; the walk stops there
  suppression-without-reason    warning: a seedguard-ignore comment gives no reason
  config-error                  error: the configuration is invalid; nothing is checked (exit 2)
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

Paths in every format are relative to the repository root: the git work tree holding [path], or
[path] itself outside one.

Exit codes: 0 no failing finding, 1 failing findings, 2 usage, config or internal error, or nothing
to check (an empty or unreadable directory). With --format json, sarif or github the error is
still written to stdout as a document of that format.
`

export async function check(argv: string[], io: CliIo): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: 'string', default: 'text' }, 'fail-on': { type: 'string', default: 'error' }, config: { type: 'string' }, rules: { type: 'string', default: 'seed,reset' }, help: { type: 'boolean', short: 'h' } },
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
  if (!isFailOn(failOn)) return usage(io, `--fail-on must be error, warning or never`)
  const named = values.rules.split(',').map((g) => g.trim())
  const groups = named.filter(isRuleGroup)
  if (groups.length < named.length) return usage(io, `--rules takes seed, reset or both (seed,reset), not \`${values.rules}\``)
  if (positionals.length > 1) return usage(io, `one path at a time (got ${positionals.length})`)
  const dir = resolve(io.cwd, positionals[0] ?? '.')
  const { result, readLine } = await checkRepository({ dir, ...(values.config !== undefined && { config: values.config }) }).catch((error: unknown) => {
    if (io.env.SEEDGUARD_DEBUG) io.stderr.write(`${(error as Error).stack}\n`)
    return { result: failedResult(dir, { code: 'internal-error', path: dir, detail: (error as Error).message }), readLine: () => undefined }
  })
  const options = { color: format === 'text' && useColor(io.env, io.stdout.isTTY === true), readLine, toolVersion: VERSION }
  if (result.failure) {
    // the reason goes to the terminal; a machine format still gets a document carrying it, so that
    // `> results.sarif` never leaves an empty file for the upload step (issue 11, item 10)
    io.stderr.write(renderText(result, { ...options, color: false }))
    if (format !== 'text') io.stdout.write(reporters[format](result, options))
    return EXIT_ERROR
  }
  const selected = { ...result, findings: result.findings.filter((f) => isSelected(f, groups)) }
  io.stdout.write(reporters[format](selected, options))
  return failingFindings(selected.findings, failOn).length > 0 ? EXIT_FINDINGS : EXIT_OK
}

function usage(io: CliIo, message: string): number {
  io.stderr.write(`seedguard check: ${message}\nRun \`seedguard check --help\` for usage.\n`)
  return EXIT_ERROR
}
