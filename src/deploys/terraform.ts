// https://developer.hashicorp.com/terraform/cli/commands/apply
import { flagValues, isCommand, matchNames } from './argv.js'
import type { ManifestApply } from './kubernetes.js'
import type { DeployMatch, DeployTool } from './types.js'

type Env = Record<string, string>

/**
 * `terraform [-chdir=DIR] apply …` (OpenTofu's `tofu` takes the same command line): the directory
 * whose configuration it applies. `-destroy` removes what the configuration created and
 * `-refresh-only` only updates the state, so neither creates anything
 * (https://developer.hashicorp.com/terraform/cli/commands/plan#planning-modes).
 */
function applied(argv: readonly string[]): { dir: string; args: readonly string[] } | undefined {
  if (!isCommand(argv[0], ['terraform', 'tofu'])) return undefined
  let dir = '.'
  let at = 1
  // global options come before the subcommand (https://developer.hashicorp.com/terraform/cli/commands#switching-working-directory-with-chdir)
  for (; argv[at]?.startsWith('-'); at++) dir = /^-chdir=(.+)$/.exec(argv[at]!)?.[1] ?? dir
  if (argv[at] !== 'apply') return undefined
  const args = argv.slice(at + 1)
  return args.some((a) => a === '-destroy' || a === '-refresh-only') ? undefined : { dir, args }
}

/** The workspace (`TF_WORKSPACE`), the directory and the variable files are where an environment is usually spelled out. */
function matchApply(argv: readonly string[], env: Env): DeployMatch | undefined {
  const apply = applied(argv)
  if (!apply) return undefined
  return matchNames('terraform apply', [env['TF_WORKSPACE'], apply.dir === '.' ? undefined : apply.dir, ...flagValues(apply.args, ['-var-file'])], env, 'production')
}

/** The configuration `terraform apply` reads: every `.tf` file of its working directory. */
export function configurationsOf(argv: readonly string[]): ManifestApply[] {
  const apply = applied(argv)
  return apply ? [{ kind: 'terraform', path: apply.dir, recursive: false, values: [] }] : []
}

const terraform: DeployTool = {
  id: 'terraform',
  title: 'Terraform and OpenTofu',
  docs: 'https://developer.hashicorp.com/terraform/cli/commands/apply',
  match: ({ argv, env }) => matchApply(argv, env),
}
export default terraform
