// https://kubernetes.io/docs/reference/kubectl/
import { actionName, flagValue, flagValues, input, isCommand, matchNames, positionals } from './argv.js'
import type { DeployMatch, DeployTool } from './types.js'

type Env = Record<string, string>

const KUBECTL_VALUED = [
  ...['-n', '--namespace', '--context', '--kubeconfig', '--cluster', '--user', '-s', '--server', '--token'],
  ...['-f', '--filename', '-k', '--kustomize', '-l', '--selector', '-o', '--output', '-c', '--container', '--field-manager', '--timeout'],
]
const HELM_VALUED = [
  ...['-n', '--namespace', '--kube-context', '--kubeconfig', '-f', '--values', '--set', '--set-string', '--set-file', '--set-json'],
  ...['--version', '--timeout', '--repo', '--description', '--post-renderer', '-o', '--output', '--history-max'],
]

/** `--dry-run`, `--dry-run=client|server` print what would change; only `--dry-run=none` applies. */
function isDryRun(args: readonly string[]): boolean {
  return args.some((a) => a === '--dry-run' || (a.startsWith('--dry-run=') && a !== '--dry-run=none'))
}

// `-f k8s/overlays/staging` and `-f values-staging.yaml` are where the environment is usually spelled out
const placeOf = (args: readonly string[]) => [
  flagValue(args, ['-n', '--namespace']),
  flagValue(args, ['--context', '--kube-context']),
  ...flagValues(args, ['-f', '--filename', '-k', '--kustomize', '--values']),
]

function matchKubectl(args: readonly string[], env: Env): DeployMatch | undefined {
  const [verb, object, resource] = positionals(args, KUBECTL_VALUED)
  const two = (verb === 'rollout' && object === 'restart') || (verb === 'set' && object === 'image')
  if ((!two && verb !== 'apply' && verb !== 'replace' && verb !== 'create') || isDryRun(args)) return undefined
  // `rollout restart deployment/api-staging`: the resource name may be the only hint
  return matchNames(two ? `kubectl ${verb} ${object}` : `kubectl ${verb}`, [...placeOf(args), two ? resource : undefined], env, 'production')
}

function matchHelm(args: readonly string[], env: Env): DeployMatch | undefined {
  const [verb, release] = positionals(args, HELM_VALUED)
  if ((verb !== 'upgrade' && verb !== 'install') || isDryRun(args)) return undefined
  return matchNames(`helm ${verb}`, [release, ...placeOf(args)], env, 'production')
}

/**
 * What a deploy command applies from the repository: a chart directory, manifest files or
 * directories, a kustomization, or a Terraform configuration whose resources carry manifests.
 */
export interface ManifestApply {
  kind: 'helm' | 'kubectl' | 'kustomize' | 'terraform'
  path: string
  /** `kubectl apply -R`: manifests in subdirectories too */
  recursive: boolean
  /** `helm -f values-x.yaml`, in order */
  values: string[]
}

/** The local paths `helm upgrade|install` and `kubectl apply|create|replace` take their manifests from. */
export function manifestsOf(argv: readonly string[]): ManifestApply[] {
  const args = argv.slice(1)
  if (isDryRun(args)) return []
  if (isCommand(argv[0], ['helm'])) {
    const [verb, release, chart] = positionals(args, HELM_VALUED)
    // `helm install ./chart --generate-name` names no release
    const path = args.includes('--generate-name') ? release : chart
    if ((verb !== 'upgrade' && verb !== 'install') || path === undefined) return []
    return [{ kind: 'helm', path, recursive: false, values: flagValues(args, ['-f', '--values']).flatMap((v) => v.split(',')) }]
  }
  const [verb] = positionals(args, KUBECTL_VALUED)
  if (!isCommand(argv[0], ['kubectl']) || (verb !== 'apply' && verb !== 'create' && verb !== 'replace')) return []
  const recursive = args.includes('-R') || args.includes('--recursive')
  const files = flagValues(args, ['-f', '--filename']).flatMap((v) => v.split(','))
  const kustomizations = flagValues(args, ['-k', '--kustomize'])
  return [...files.map((path) => ({ kind: 'kubectl' as const, path, recursive, values: [] })), ...kustomizations.map((path) => ({ kind: 'kustomize' as const, path, recursive: false, values: [] }))]
}

const kubernetes: DeployTool = {
  id: 'kubernetes',
  title: 'Kubernetes (kubectl, Helm)',
  docs: 'https://kubernetes.io/docs/reference/kubectl/',
  match({ argv, env }) {
    if (isCommand(argv[0], ['kubectl'])) return matchKubectl(argv.slice(1), env)
    return isCommand(argv[0], ['helm']) ? matchHelm(argv.slice(1), env) : undefined
  },
  matchAction(uses, inputs) {
    const name = actionName(uses)
    if (name === 'azure/k8s-deploy') return matchNames('azure/k8s-deploy', [input(inputs, 'namespace')], {}, 'production')
    // `task: remove` uninstalls the release (https://github.com/deliverybot/helm#parameters)
    if (name === 'deliverybot/helm' && input(inputs, 'task') !== 'remove') {
      return matchNames('deliverybot/helm', [input(inputs, 'release'), input(inputs, 'namespace')], {}, 'production')
    }
    return undefined
  },
}
export default kubernetes
