// https://firebase.google.com/docs/cli#deployment
import { actionName, input, isCommand, isExpression, flagValue, matchNames, positionals } from './argv.js'
import type { DeployTool } from './types.js'

const VALUED = ['--project', '-P', '--only', '--except', '--message', '-m', '--token', '--config', '-c', '--account', '--expires', '-e']

const firebase: DeployTool = {
  id: 'firebase',
  title: 'Firebase',
  docs: 'https://firebase.google.com/docs/cli#deployment',
  match({ argv, env }) {
    if (!isCommand(argv[0], ['firebase'])) return undefined
    const args = argv.slice(1)
    const [sub, channel] = positionals(args, VALUED)
    const project = flagValue(args, ['--project', '-P'])
    // a preview channel gets its own URL; the live site is untouched
    // (https://firebase.google.com/docs/hosting/test-preview-deploy)
    if (sub === 'hosting:channel:deploy') return { target: 'not-production', detail: `\`firebase hosting:channel:deploy\` to channel \`${channel ?? '?'}\`` }
    // `--only hosting:staging` names a deploy target, which is often the environment
    if (sub === 'deploy') return matchNames('firebase deploy', [project, flagValue(args, ['--only'])], env, 'production')
    return undefined
  },
  matchAction(uses, inputs) {
    if (actionName(uses) !== 'firebaseextended/action-hosting-deploy') return undefined
    const channel = input(inputs, 'channelId')
    if (isExpression(channel)) return { target: 'unknown', detail: '`FirebaseExtended/action-hosting-deploy` to a computed channel' }
    // without channelId the action makes a preview channel per branch or pull request
    if (channel?.trim() !== 'live') {
      return { target: 'not-production', detail: `\`FirebaseExtended/action-hosting-deploy\` to preview channel \`${channel ?? '(per branch)'}\`` }
    }
    return matchNames('FirebaseExtended/action-hosting-deploy (channel live)', [input(inputs, 'projectId')], {}, 'production')
  },
}
export default firebase
