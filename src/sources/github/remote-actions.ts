// Actions that send the commands of an input to a server over ssh and run them there:
// https://github.com/appleboy/ssh-action (action.yml: `script`, `envs`),
// https://github.com/garygrossgarten/github-action-ssh (`command`),
// https://github.com/D3rHase/ssh-command-action (`command`),
// https://github.com/easingthemes/ssh-deploy (`SCRIPT_BEFORE`, `SCRIPT_AFTER`: before and after the rsync).
import type { SeedguardConfig } from '../../config/types.js'
import type { ExecutionContext } from '../../model/context.js'
import type { ProductionReason } from '../../model/production.js'
import { OUTSIDE_ENVIRONMENT } from '../../model/runtime.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { remoteHostReason } from '../ci/remote-host.js'
import { actionName } from '../../deploys/argv.js'

interface RemoteAction {
  /** the input naming the server */
  host: string
  /** inputs whose text runs on the server, in the order the action runs them */
  scripts: string[]
  /** the input listing, comma-separated, which of the step's variables reach the script */
  forwards?: string
}

const REMOTE_ACTIONS: Record<string, RemoteAction> = {
  'appleboy/ssh-action': { host: 'host', scripts: ['script'], forwards: 'envs' },
  'garygrossgarten/github-action-ssh': { host: 'host', scripts: ['command'] },
  'd3rhase/ssh-command-action': { host: 'ssh_host', scripts: ['command'] },
  'easingthemes/ssh-deploy': { host: 'REMOTE_HOST', scripts: ['SCRIPT_BEFORE', 'SCRIPT_AFTER'] },
}

/**
 * One context per step of `steps` that runs commands on a server: they run in the server's shell
 * with the server's environment (the step's own only where the action forwards it), against what
 * the server runs, so a database on its localhost is the real one.
 */
export function remoteScriptContexts(
  view: YamlView,
  steps: YamlNode[],
  job: Pick<ExecutionContext, 'id' | 'label' | 'reasons'>,
  stepEnv: (step: YamlNode) => Record<string, string>,
  config: SeedguardConfig,
): ExecutionContext[] {
  const contexts: ExecutionContext[] = []
  for (const [index, step] of steps.entries()) {
    const uses = view.string(view.get(step, 'uses'))
    const action = uses === undefined ? undefined : REMOTE_ACTIONS[actionName(uses)]
    if (!uses || !action) continue
    const inputs = view.get(step, 'with')
    // input names are case-insensitive: the runner hands them over as INPUT_<NAME>
    const inputNode = (name: string) => view.entries(inputs).find((e) => e.key.toLowerCase() === name.toLowerCase())?.value
    const hostNode = inputNode(action.host)
    const host = hostNode === undefined ? '(not given)' : `\`${view.string(hostNode) ?? '…'}\``
    const reason: ProductionReason = remoteHostReason(host, `\`${uses}\``, view.span(hostNode ?? step), config)
    const env = forwarded(action.forwards === undefined ? undefined : view.string(inputNode(action.forwards)), stepEnv(step))
    const remoteSteps = action.scripts.flatMap((input) => {
      const node = inputNode(input)
      const source = view.shellSource(node, 'bash')
      return source ? [{ label: `\`${input}:\` of \`${uses}\``, span: view.span(node), cwd: '.', env, reasons: [], source }] : []
    })
    if (remoteSteps.length === 0) continue
    contexts.push({ id: `${job.id}/ssh-${index}`, label: `${job.label}, on the server ${host}`, span: view.span(step), reasons: [...job.reasons, reason], runtime: OUTSIDE_ENVIRONMENT, ownDatabase: true, steps: remoteSteps })
  }
  return contexts
}

/** `envs: DATABASE_URL,APP_ENV`: the step's values of the variables named */
function forwarded(names: string | undefined, env: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of (names ?? '').split(',').map((n) => n.trim())) if (env[name] !== undefined) out[name] = env[name]
  return out
}
