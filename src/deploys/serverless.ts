// https://www.serverless.com/framework/docs/providers/aws/cli-reference/deploy
import { classifyName, flagValue, isCommand, isDynamic, positionals } from './argv.js'
import type { DeployTool } from './types.js'

const VALUED = ['--stage', '-s', '--region', '-r', '--aws-profile', '--config', '-c', '--function', '-f', '--param', '--package', '-p', '--org', '--app']

const serverless: DeployTool = {
  id: 'serverless',
  title: 'Serverless Framework',
  docs: 'https://www.serverless.com/framework/docs/providers/aws/cli-reference/deploy',
  match({ argv, env }) {
    if (!isCommand(argv[0], ['serverless', 'sls'])) return undefined
    const args = argv.slice(1)
    const [verb, what] = positionals(args, VALUED)
    // `deploy list` lists past deploys; `deploy function -f x` does deploy
    if (verb !== 'deploy' || what === 'list') return undefined
    const stage = flagValue(args, ['--stage', '-s'])
    // the framework's default stage is `dev` (serverless.yml can set provider.stage; that file is not read here)
    if (stage === undefined) return { target: 'not-production', detail: '`serverless deploy` without --stage: default stage dev' }
    const detail = `\`serverless deploy --stage ${stage}\``
    const kind = classifyName(stage, env)
    if (kind !== 'unknown') return { target: kind, detail }
    // stages are free names: anything not production-like is another stage, unless it is computed
    return { target: isDynamic(stage, env) ? 'unknown' : 'not-production', detail }
  },
}
export default serverless
