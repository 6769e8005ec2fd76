import picomatch from 'picomatch'
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'

// https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows
const PR_EVENTS = new Set(['pull_request', 'pull_request_target', 'pull_request_review', 'pull_request_review_comment', 'merge_group'])
const RELEASE_EVENTS = new Set(['release', 'deployment', 'deployment_status', 'registry_package'])

export interface Triggers {
  events: string[]
  /** `workflow_dispatch` / `workflow_call` inputs with their possible values (options, default) */
  inputs: Record<string, string[]>
  reasons: ProductionReason[]
  /** only a caller decides (workflow_call alone) */
  calledOnly: boolean
}

/** What starts a workflow, and whether that can be the default branch or a release. */
export function readTriggers(view: YamlView, on: YamlNode | undefined, defaultBranches: string[], span: Span): Triggers {
  const events = view.string(on) !== undefined || view.items(on).length > 0 ? view.strings(on) : view.entries(on).map((e) => e.key)
  const inputs: Record<string, string[]> = {}
  for (const event of ['workflow_dispatch', 'workflow_call']) {
    for (const { key, value } of view.entries(view.get(view.get(on, event), 'inputs'))) {
      const values = inputValues(view, value, event)
      if (values) inputs[key] = values
    }
  }
  const reasons: ProductionReason[] = []
  const reaching: string[] = []
  for (const event of events) {
    if (event === 'push') {
      const config = view.get(on, 'push')
      const branches = view.strings(view.get(config, 'branches'))
      const ignored = view.strings(view.get(config, 'branches-ignore'))
      const tags = view.strings(view.get(config, 'tags'))
      if (branches.length === 0 && tags.length > 0) reaching.push(`push of tags ${tags.join(', ')}`)
      else if (branches.length === 0 && !defaultBranches.some((b) => ignored.includes(b))) reaching.push('push to any branch')
      else {
        const hit = defaultBranches.find((b) => branches.some((pattern) => branchMatches(pattern, b)))
        if (hit) reaching.push(`push to \`${hit}\``)
      }
    } else if (RELEASE_EVENTS.has(event)) reaching.push(`\`${event}\` event`)
    else if (event === 'workflow_dispatch' || event === 'schedule' || event === 'repository_dispatch' || event === 'workflow_run') reaching.push(`\`${event}\` (runs on the default branch)`)
  }
  const onlyPullRequests = events.length > 0 && events.every((e) => PR_EVENTS.has(e))
  if (onlyPullRequests) reasons.push({ kind: 'trigger', towards: false, detail: `runs only for ${events.join(', ')}`, span })
  else if (reaching.length > 0) reasons.push({ kind: 'trigger', towards: true, detail: reaching.join(', '), span })
  return { events, inputs, reasons, calledOnly: events.length === 1 && events[0] === 'workflow_call' }
}

// compiled once per pattern: every workflow names its branches, most of them the same few
const branchMatchers = new Map<string, (branch: string) => boolean>()

function branchMatches(pattern: string, branch: string): boolean {
  // an empty pattern matches nothing (and picomatch refuses it)
  if (pattern === '' || pattern.startsWith('!')) return false
  let matcher = branchMatchers.get(pattern)
  if (!matcher) branchMatchers.set(pattern, (matcher = picomatch(pattern)))
  return matcher(branch)
}

/**
 * What an input can hold. A caller of a reusable workflow that omits an input gets its default; a
 * person dispatching a run picks any option of a `choice`, ticks a `boolean` or not, and types
 * any `string`, `number` or `environment` they like: those values are not known.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#onworkflow_dispatchinputs
 */
function inputValues(view: YamlView, input: YamlNode | undefined, event: string): string[] | undefined {
  const options = view.strings(view.get(input, 'options'))
  const fallback = view.string(view.get(input, 'default'))
  const given = [...new Set([...options, ...(fallback !== undefined ? [fallback] : [])])]
  if (event === 'workflow_call') return given
  const type = view.string(view.get(input, 'type')) ?? 'string'
  if (type === 'choice') return given
  if (type === 'boolean') return ['true', 'false']
  return undefined
}
