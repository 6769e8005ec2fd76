// https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html
import type { ExecutionContext } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { fileStartSpan } from '../model/span.js'
import { dirnameOf } from '../util/paths.js'
import type { SourceReader } from './types.js'
import { loadYamlFile } from './yaml-file.js'

// A revision is deployed to whichever deployment groups the application has (production,
// staging); which one receives it is chosen in AWS, never in the revision: what runs on every
// deployment runs on the production one too, as Elastic Beanstalk hooks do.
const EVERY_GROUP = 'every deployment group this revision is deployed to, production included'

/**
 * An EC2/On-Premises AppSpec file (`appspec.yml` at the root of the revision) maps lifecycle
 * events to scripts: `hooks: { AfterInstall: [{ location: scripts/seed.sh }] }`. The agent runs
 * each `location`, a path from the revision root, on every instance of every deployment. An
 * ECS or Lambda AppSpec names Lambda functions instead (`Hooks: [{ BeforeAllowTraffic: fn }]`),
 * whose code the file does not hold: a note says so.
 */
const codeDeploy: SourceReader = {
  id: 'codedeploy',
  title: 'AWS CodeDeploy (appspec.yml hooks)',
  docs: 'https://docs.aws.amazon.com/codedeploy/latest/userguide/reference-appspec-file-structure-hooks.html',
  // the AppSpec file must sit at the root of the revision and be named appspec.yml (EC2/On-Premises)
  files: ['appspec.yml', 'appspec.yaml'],
  read(file, project) {
    const loaded = loadYamlFile(file, project)
    if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
    const { view } = loaded
    const hooks = view.get(view.root, 'hooks')
    // ECS and Lambda AppSpec files spell the section `Hooks`, a list of event-to-function maps
    if (view.get(view.root, 'Hooks') || view.items(hooks).length > 0) {
      return { contexts: [], problems: [{ rule: 'ci-not-analysed', severity: 'note', message: 'AWS CodeDeploy (ECS and Lambda hooks are Lambda functions)', span: fileStartSpan(file) }] }
    }
    const root = dirnameOf(file)
    const contexts: ExecutionContext[] = view.entries(hooks).flatMap(({ key: event, keyNode, value }) => {
      const span = view.span(keyNode)
      const reason: ProductionReason = { kind: 'platform-phase', towards: true, detail: `CodeDeploy runs the \`${event}\` hook on every instance of ${EVERY_GROUP}`, span }
      const steps = view.items(value).flatMap((script, i) => {
        const location = view.get(script, 'location')
        // the agent executes the file itself: a path from the revision root, as the shell runs a command holding a slash
        const source = location && view.string(location) !== undefined ? view.shellSource(location, 'sh') : undefined
        if (!source?.text.trim()) return []
        return [{ label: `\`${event}\` script #${i + 1}`, span: view.span(location), source, cwd: root, env: {}, reasons: [] }]
      })
      return steps.length > 0 ? [{ id: `${file}#${event}`, label: `CodeDeploy \`${event}\` hook in ${file}`, span, reasons: [reason], ownDatabase: true, steps }] : []
    })
    return { contexts, problems: [] }
  },
}
export default codeDeploy
