// https://render.com/docs/deploy-hooks
import { actionName, input, isCommand, isDynamic, matchNames, positionals } from './argv.js'
import type { DeployMatch, DeployTool } from './types.js'

type Env = Record<string, string>

const HOOK = /api\.render\.com\/deploy\/srv-/
// the REST API's trigger-deploy endpoint (https://api-docs.render.com/reference/create-deploy); GET only lists
const API = /api\.render\.com\/v1\/services\/[^/\s]+\/deploys\/?(?:[?"']|$)/
// a hook URL kept in a variable: `curl "$RENDER_DEPLOY_HOOK_URL"`, `curl ${{ secrets.RENDER_STAGING_DEPLOY_HOOK }}`
const VARIABLE = /\$\{\{[^}]*\}\}|\$\{?\w+\}?/g
const HOOK_NAME = /render\w*deploy|deploy\w*render/i

/**
 * Which Render service is production is not in the URL, so a hook is production unless the name
 * of the variable holding it says otherwise. A literal URL is never read for names: service ids are random.
 */
function matchHttp(program: string, args: readonly string[], env: Env): DeployMatch | undefined {
  const hook = args.find((a) => HOOK.test(a))
  if (hook !== undefined) return { target: 'production', detail: `\`${program}\` to a Render deploy hook` }
  const posts = args.some((a, i) => /^(-XPOST|--request=POST|-d|--data.*)$/i.test(a) || (/^(-X|--request)$/.test(a) && args[i + 1]?.toUpperCase() === 'POST'))
  if (posts && args.some((a) => API.test(a))) return { target: 'production', detail: `\`${program}\` to the Render deploy API` }
  const variable = args.join(' ').match(VARIABLE)?.find((v) => HOOK_NAME.test(v))
  return variable === undefined ? undefined : matchNames(program, [variable], env, 'production')
}

const render: DeployTool = {
  id: 'render',
  title: 'Render',
  docs: 'https://render.com/docs/deploy-hooks',
  match({ argv, env }) {
    const program = ['curl', 'wget'].find((p) => isCommand(argv[0], [p]))
    if (program !== undefined) return matchHttp(program, argv.slice(1), env)
    if (!isCommand(argv[0], ['render'])) return undefined
    // the Render CLI: `render deploys create <service-id> --wait --confirm`
    const [group, verb] = positionals(argv.slice(1), ['-o', '--output', '--commit', '--image'])
    return group === 'deploys' && verb === 'create' ? { target: 'production', detail: '`render deploys create`' } : undefined
  },
  matchAction(uses, inputs) {
    const name = actionName(uses)
    if (name !== 'johnbeynon/render-deploy-action' && name !== 'jorgelnjunior/render-deploy') return undefined
    const service = input(inputs, 'service-id') ?? input(inputs, 'service_id')
    // only a reference (`<secret RENDER_STAGING_SERVICE_ID>`) carries a readable name; ids are random
    return matchNames(name, [service !== undefined && isDynamic(service) ? service : undefined], {}, 'production')
  },
}
export default render
