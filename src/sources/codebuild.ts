// https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html
import type { ContextStep, ShellKind } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import type { RuntimeEnvironment } from '../model/runtime.js'
import { basenameOf } from '../util/paths.js'
import type { YamlNode, YamlView } from '../util/yaml.js'
import { shellKind } from './ci/shell.js'
import type { SourceReader } from './types.js'
import { yamlCommandSteps } from './yaml-command.js'
import { loadYamlFile } from './yaml-file.js'

// the build phases, in the order CodeBuild runs them; each phase's `finally` commands run after
// its `commands`, even when one of those fails
const PHASES = ['install', 'pre_build', 'build', 'post_build']
// the name a project reads from its source when none is configured
const DEFAULT_NAMES = new Set(['buildspec.yml', 'buildspec.yaml'])
// CodeBuild sets CODEBUILD_SRC_DIR to the directory holding the source, and its other CODEBUILD_*
// variables (https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-env-vars.html);
// the project's settings and the build image can set any other variable
const RUNTIME: RuntimeEnvironment = {
  unset: 'unknown',
  label: 'the CodeBuild project and its build image (outside the repository)',
  provides: (variable) => variable.startsWith('CODEBUILD_'),
  checkout: ['CODEBUILD_SRC_DIR'],
}

/**
 * An AWS CodeBuild buildspec: the commands of every build of a project that uses it. A project can
 * point at a buildspec anywhere in its source, and the reference gives `buildspec_debug.yml` and
 * `buildspec_release.yml` as names for the builds of one repository: a file with another name is
 * read only when it has `phases:`, which every buildspec has. Which projects use the file, and
 * what starts their builds (a CodePipeline stage, a webhook, a person), is set in AWS, never in
 * the file: the phases are a weak reason, production only with evidence (a deploy command in the
 * same build, a database from a secret).
 */
const codeBuild: SourceReader = {
  id: 'codebuild',
  rejectedBy: 'CodeBuild',
  title: 'AWS CodeBuild (buildspec.yml)',
  docs: 'https://docs.aws.amazon.com/codebuild/latest/userguide/build-spec-ref.html',
  files: ['**/buildspec*.yml', '**/buildspec*.yaml'],
  read(file, project, config) {
    if (!DEFAULT_NAMES.has(basenameOf(file)) && !/^phases\s*:/m.test(project.cache.get(file)?.text ?? '')) return { contexts: [], problems: [] }
    const loaded = loadYamlFile(file, project)
    if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
    const { view } = loaded
    const phasesEntry = view.entries(view.root).find((e) => e.key === 'phases')
    const envNode = view.get(view.root, 'env')
    const env = buildspecEnv(view, envNode)
    const shell = buildspecShell(view.string(view.get(envNode, 'shell')))
    // every command runs in the source directory (CODEBUILD_SRC_DIR), wherever the buildspec is
    const steps: ContextStep[] = PHASES.flatMap((phase) =>
      ['commands', 'finally'].flatMap((key) => yamlCommandSteps({ view, node: view.get(phasesEntry?.value, phase), key, shown: `${phase}.${key}`, cwd: '.', env, shell }, config)?.steps ?? []),
    )
    if (!phasesEntry || steps.length === 0) return { contexts: [], problems: [] }
    const span = view.span(phasesEntry.keyNode)
    const phase: ProductionReason = { kind: 'platform-phase', towards: true, weak: true, detail: 'CodeBuild runs the buildspec\'s phases on every build of a project that uses it; which projects do, and for which environment, is set in AWS', span }
    // one context: a deploy command in post_build makes the whole build a deploy
    return { contexts: [{ id: `${file}#phases`, label: `CodeBuild \`phases\` in ${file}`, span, reasons: [phase], steps, runtime: RUNTIME }], problems: [] }
  },
}
export default codeBuild

/**
 * `env.variables` as written; `env.parameter-store` and `env.secrets-manager` values come from AWS
 * Systems Manager and Secrets Manager: kept recognisable as secrets, named by the reference they
 * read (`prod/orders:DATABASE_URL`), which may say whose database it is
 */
function buildspecEnv(view: YamlView, env: YamlNode | undefined): Record<string, string> {
  const out = view.record(view.get(env, 'variables'))
  for (const store of ['parameter-store', 'secrets-manager']) {
    for (const [name, reference] of Object.entries(view.record(view.get(env, store)))) out[name] = `<secret ${reference}>`
  }
  return out
}

/**
 * `env.shell`: `bash` or `/bin/sh` on Linux, `powershell.exe` or `cmd.exe` on Windows; without it
 * the commands are sh commands (https://docs.aws.amazon.com/codebuild/latest/userguide/build-env-ref-cmd.html)
 */
function buildspecShell(shell: string | undefined): ShellKind {
  return shell === undefined ? 'sh' : shellKind(shell)
}
