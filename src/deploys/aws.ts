// https://docs.aws.amazon.com/cli/latest/reference/ecs/update-service.html
import { actionName, flagValue, flagValues, hasFlag, input, isCommand, matchNames, positionals } from './argv.js'
import type { DeployMatch, DeployTool } from './types.js'

interface Deploy {
  /** the subcommand words after the program, e.g. `ecs update-service` */
  path: string[]
  /** flags whose values name the target (cluster, service, stack, environment) */
  names: string[]
  /** at least one of these must be present, or the command changes something other than the code */
  requires?: string[]
}

const DEPLOYS: Record<string, Deploy[]> = {
  aws: [
    // without a new task definition or --force-new-deployment, update-service only scales
    {
      path: ['ecs', 'update-service'],
      names: ['--cluster', '--service'],
      requires: ['--task-definition', '--force-new-deployment'],
    },
    { path: ['ecs', 'deploy'], names: ['--cluster', '--service'] },
    { path: ['elasticbeanstalk', 'update-environment'], names: ['--environment-name', '--application-name'] },
    { path: ['elasticbeanstalk', 'create-application-version'], names: ['--application-name', '--version-label'] },
    { path: ['lambda', 'update-function-code'], names: ['--function-name'] },
    { path: ['deploy', 'create-deployment'], names: ['--application-name', '--deployment-group-name'] },
  ],
  eb: [{ path: ['deploy'], names: [] }],
  sam: [{ path: ['deploy'], names: ['--stack-name', '--config-env', '--parameter-overrides'] }],
  cdk: [{ path: ['deploy'], names: ['--context', '-c', '--profile'] }],
  copilot: [['deploy'], ['svc', 'deploy'], ['job', 'deploy']].map((path) => ({ path, names: ['--name', '-n'] })),
}
const STAGE_FLAGS = ['--stage', '--env', '-e', '--environment']

// nearly every aws/sam/cdk option takes a value; these do not
const SWITCHES = new Set([
  ...['--all', '--ci', '--hotswap', '--exclusively', '--force', '-f', '--force-new-deployment', '--guided', '-g'],
  ...['--staged', '--debug', '--resolve-s3', '--watch', '--yes', '--verbose', '--help'],
])
const takesValue = (flag: string) => !flag.startsWith('--no-') && !SWITCHES.has(flag)

/** `Stage=dev` and `ParameterKey=Stage,ParameterValue=dev` name the environment by value, not by key. */
const valuesOf = (text: string) => text.split(/[\s,]+/).map((part) => part.slice(part.lastIndexOf('=') + 1))

function matchArgs(program: string, args: readonly string[], env: Record<string, string>): DeployMatch | undefined {
  const words = positionals(args, takesValue)
  const deploy = DEPLOYS[program]?.find((d) => d.path.every((w, i) => words[i] === w))
  if (deploy === undefined || (deploy.requires && !hasFlag(args, deploy.requires))) return undefined
  const command = [program, ...deploy.path].join(' ')
  const stage = flagValue(args, STAGE_FLAGS)
  // copilot asks for (or picks the only) environment when --env is missing: nothing to go on
  if (program === 'copilot' && stage === undefined) return { target: 'unknown', detail: `\`${command}\` without --env` }
  // after the path: the environment for `eb deploy`, stack names for `cdk deploy`
  const named = deploy.names.flatMap((flag) => flagValues(args, [flag]).flatMap(valuesOf))
  const names = [stage, ...words.slice(deploy.path.length), ...named]
  return matchNames(command, names, env, 'production')
}

const aws: DeployTool = {
  id: 'aws',
  title: 'AWS',
  docs: 'https://docs.aws.amazon.com/cli/latest/reference/ecs/update-service.html',
  match({ argv, env }) {
    const program = Object.keys(DEPLOYS).find((p) => isCommand(argv[0], [p]))
    return program === undefined ? undefined : matchArgs(program, argv.slice(1), env)
  },
  matchAction(uses, inputs) {
    const name = actionName(uses)
    // without `service` the action only registers the task definition
    if (name === 'aws-actions/amazon-ecs-deploy-task-definition' && input(inputs, 'service')) {
      return matchNames('aws-actions/amazon-ecs-deploy-task-definition', [input(inputs, 'service'), input(inputs, 'cluster')], {}, 'production')
    }
    if (name === 'einaregilsson/beanstalk-deploy') {
      return matchNames('einaregilsson/beanstalk-deploy', [input(inputs, 'environment_name'), input(inputs, 'application_name')], {}, 'production')
    }
    return undefined
  },
}
export default aws
