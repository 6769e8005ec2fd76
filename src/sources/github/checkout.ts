// Where a job's files are. actions/checkout puts the repository at `path`, "relative path under
// $GITHUB_WORKSPACE" (https://github.com/actions/checkout#usage), the workspace itself by default.
// A step's `working-directory`, `defaults.run.working-directory` and a local action's `uses: ./dir`
// are workspace paths (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax#jobsjob_idstepsworking-directory),
// so after a checkout with `path: src`, `working-directory: src` is the repository's root.
import { joinPath } from '../../util/paths.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import { hasExpression } from './expressions.js'

const CHECKOUT_ACTION = /^actions\/checkout@/
const THIS_REPOSITORY = /^\$\{\{\s*github\.repository\s*\}\}$/

/** The workspace directory the job checks this repository out to ('.' when it does not say). */
export function checkoutDir(view: YamlView, job: YamlNode | undefined): string {
  for (const step of view.items(view.get(job, 'steps'))) {
    if (!CHECKOUT_ACTION.test(view.string(view.get(step, 'uses')) ?? '')) continue
    const inputs = view.get(step, 'with')
    // another repository checked out beside this one (a shared actions repository) says nothing of ours
    const repository = view.string(view.get(inputs, 'repository'))
    if (repository !== undefined && repository !== '' && !THIS_REPOSITORY.test(repository)) continue
    const path = view.string(view.get(inputs, 'path'))
    return (path !== undefined && !hasExpression(path) && joinPath('.', path)) || '.'
  }
  return '.'
}

/**
 * A workspace path as a repository path. One outside the checkout (the workspace itself, another
 * repository's checkout) is read where it is, as a working directory outside the repository is;
 * undefined when there is none or it is absolute.
 */
export function repositoryDir(workspacePath: string | undefined, checkout: string): string | undefined {
  const dir = workspacePath === undefined ? undefined : joinPath('.', workspacePath)
  if (dir === undefined || checkout === '.') return dir
  if (dir === checkout) return '.'
  return dir.startsWith(`${checkout}/`) ? dir.slice(checkout.length + 1) : dir
}

/** The workspace directory run steps start in without a `working-directory`: the job's `defaults.run`, else the workflow's. */
export function defaultRunDirectory(view: YamlView, job: YamlNode | undefined): string | undefined {
  const of = (node: YamlNode | undefined) => view.string(view.get(view.get(view.get(node, 'defaults'), 'run'), 'working-directory'))
  return of(job) ?? of(view.root)
}
