// https://cloud.google.com/build/docs/build-config-file-schema
import type { SeedguardConfig } from '../config/types.js'
import type { ContextStep, ExecutionContext, ShellKind, ShellSource } from '../model/context.js'
import type { ProductionReason } from '../model/production.js'
import { envVarReasons, nameVerdict } from '../production/evidence.js'
import type { Span } from '../model/span.js'
import { shellSourceOfArgv, type ArgvElement } from '../util/exec-form.js'
import { jsonAt, jsonEntries, jsonString, parseJsonOf, shellSourceOfJsonString, type JsonNode } from '../util/json.js'
import type { LineIndex } from '../util/line-index.js'
import { basenameOf, joinPath } from '../util/paths.js'
import { shellOfScript } from '../util/shebang.js'
import type { YamlNode, YamlView } from '../util/yaml.js'
import type { SourceReader } from './types.js'
import { loadYamlFile } from './yaml-file.js'

// The official builders (https://github.com/GoogleCloudPlatform/cloud-builders, README and each
// builder's Dockerfile ENTRYPOINT): `gcr.io/cloud-builders/<tool>` runs <tool> with the step's args
const OFFICIAL_BUILDER = /^(?:[a-z-]+\.)?gcr\.io\/cloud-builders\/([\w-]+)(?::[\w.-]+|@sha256:[0-9a-f]+)?$/
const BUILDER_TOOLS = new Set(['aactl', 'bazel', 'curl', 'docker', 'dotnet', 'gcloud', 'git', 'gke-deploy', 'go', 'gradle', 'gsutil', 'javac', 'kubectl', 'mvn', 'npm', 'twine', 'wget', 'yarn'])

/** the YAML and the JSON form of a build config, read through one interface */
interface ConfigTree<N> {
  lines: LineIndex
  get(node: N | undefined, key: string): N | undefined
  keySpan(node: N | undefined, key: string): Span | undefined
  items(node: N | undefined): N[]
  string(node: N | undefined): string | undefined
  /** a string as one word of a command, located in the file */
  word(node: N | undefined): ArgvElement | undefined
  shell(node: N | undefined, shell: ShellKind): ShellSource | undefined
  span(node: N | undefined): Span
}

/**
 * A Google Cloud Build config: the steps of every build of a trigger or `gcloud builds submit`
 * that uses it, each run in a container of its builder image (`name`). Which triggers use the
 * file, and for which branches or environments, is set in Google Cloud, never in the file: the
 * steps are a weak reason, production only with evidence (a `gcloud run deploy` or `kubectl
 * apply` in the same build, a database from a secret).
 */
const cloudBuild: SourceReader = {
  id: 'cloud-build',
  rejectedBy: 'Cloud Build',
  title: 'Google Cloud Build (cloudbuild.yaml)',
  docs: 'https://cloud.google.com/build/docs/build-config-file-schema',
  // cloudbuild.yaml is the default; `gcloud builds submit --config` and a trigger's "Cloud Build
  // configuration file location" take any name, and teams keep one file per environment
  // (https://cloud.google.com/build/docs/automating-builds/create-manage-triggers#build_config)
  files: ['**/cloudbuild.{yaml,yml,json}', '**/cloudbuild[-_.]*.{yaml,yml,json}', '**/*[-_.]cloudbuild.{yaml,yml,json}'],
  read(file, project, config) {
    if (file.endsWith('.json')) {
      const lines = project.cache.get(file)
      if (!lines) return { contexts: [], problems: [] }
      const { root, error } = parseJsonOf(lines)
      if (error) return { contexts: [], problems: [{ rule: 'parse-error', message: error.message, span: lines.span(error.offset, error.offset + 1) }] }
      return { contexts: readBuild(file, jsonTree(lines), root, config), problems: [] }
    }
    const loaded = loadYamlFile(file, project)
    if ('problem' in loaded) return { contexts: [], problems: [loaded.problem] }
    return { contexts: readBuild(file, yamlTree(loaded.view), loaded.view.root, config), problems: [] }
  },
}
export default cloudBuild

/** every step of the build in one context: a deploy in a later step makes the whole build a deploy */
function readBuild<N>(file: string, tree: ConfigTree<N>, root: N | undefined, config: SeedguardConfig): ExecutionContext[] {
  const span = tree.keySpan(root, 'steps')
  if (!span) return []
  const options = tree.get(root, 'options')
  const secrets = secretNames(tree, root)
  const steps = tree.items(tree.get(root, 'steps')).flatMap((step, i): ContextStep[] => {
    const source = stepSource(tree, step)
    if (!source?.text.trim()) return []
    const id = tree.string(tree.get(step, 'id'))
    const image = tree.string(tree.get(step, 'name'))
    const label = id !== undefined ? `step \`${id}\`` : `step #${i + 1}${image !== undefined ? ` (\`${image}\`)` : ''}`
    const env = { ...stepEnv(tree, options, secrets), ...stepEnv(tree, step, secrets) }
    // /workspace holds the source a trigger builds, the repository; `dir` is relative to it
    const dir = tree.string(tree.get(step, 'dir'))
    const at = tree.span(step)
    return [{ label, span: at, source, cwd: (dir !== undefined ? joinPath('.', dir) : undefined) ?? '.', env, reasons: envVarReasons(env, config, at) }]
  })
  if (steps.length === 0) return []
  const phase: ProductionReason = { kind: 'platform-phase', towards: true, weak: true, detail: 'Cloud Build runs the steps on every build of a trigger or `gcloud builds submit` that uses this file; which triggers do, and for which environment, is set in Google Cloud', span }
  return [{ id: `${file}#steps`, label: `Cloud Build \`steps\` in ${file}`, span, reasons: [phase, ...fileNameReasons(file, config, span)], steps }]
}

/** `cloudbuild-prod.yaml`, `staging.cloudbuild.yaml`: the file kept for one environment names it */
function fileNameReasons(file: string, config: SeedguardConfig, span: Span): ProductionReason[] {
  const variant = /^(?:cloudbuild[-_.](.+)|(.+)[-_.]cloudbuild)\.(?:ya?ml|json)$/.exec(basenameOf(file))
  const name = variant?.[1] ?? variant?.[2]
  const verdict = name === undefined ? 'unknown' : nameVerdict(name, config)
  if (verdict === 'unknown') return []
  return [{ kind: 'environment', towards: verdict === 'production', detail: `${basenameOf(file)} is the build config kept for ${verdict === 'production' ? 'production' : `\`${name}\`, not production`}`, span }]
}

/**
 * What a step runs: `script` (its `#!` line decides the shell, sh without one:
 * https://cloud.google.com/build/docs/configuring-builds/run-bash-scripts), or `entrypoint` with
 * `args`. Without an entrypoint the image's own runs the args: an official builder's is its tool;
 * for an image without one, the first arg is the command
 * (https://cloud.google.com/build/docs/api/reference/rest/v1/projects.builds#BuildStep), and args
 * are read so for any other image too, as an image whose entrypoint runs its arguments (the
 * official language images') does.
 */
function stepSource<N>(tree: ConfigTree<N>, step: N): ShellSource | undefined {
  const script = tree.get(step, 'script')
  const text = tree.string(script)
  if (text !== undefined) return tree.shell(script, shellOfScript(text) ?? 'other')
  const args = tree.items(tree.get(step, 'args')).flatMap((a) => tree.word(a) ?? [])
  const entrypoint = tree.word(tree.get(step, 'entrypoint')) ?? builderTool(tree.word(tree.get(step, 'name')))
  const argv = entrypoint ? [entrypoint, ...args] : args
  return argv.length > 0 ? shellSourceOfArgv(argv, tree.lines) : undefined
}

/** the tool an official builder runs, located at its name inside the image name */
function builderTool(image: ArgvElement | undefined): ArgvElement | undefined {
  const tool = image && OFFICIAL_BUILDER.exec(image.value)?.[1]
  if (!image || !tool || !BUILDER_TOOLS.has(tool)) return undefined
  const at = image.value.indexOf(`/${tool}`, image.value.indexOf('cloud-builders')) + 1
  return { value: tool, start: image.start + at, end: image.start + at + tool.length }
}

/**
 * `env` (`KEY=VALUE` strings) and `secretEnv` (names whose values `availableSecrets` or `secrets`
 * hold, kept recognisable as secrets and named by their Secret Manager secret) of a step or of
 * `options`, which sets them for every step
 */
function stepEnv<N>(tree: ConfigTree<N>, node: N | undefined, secrets: Map<string, string>): Record<string, string> {
  const env: Record<string, string> = {}
  for (const pair of stringsOf(tree, tree.get(node, 'env'))) {
    const eq = pair.indexOf('=')
    if (eq > 0) env[pair.slice(0, eq)] = pair.slice(eq + 1)
  }
  for (const name of stringsOf(tree, tree.get(node, 'secretEnv'))) env[name] = `<secret ${secrets.get(name) ?? name}>`
  return env
}

/** `availableSecrets.secretManager`: the variable each secret version is given to, by secret name */
function secretNames<N>(tree: ConfigTree<N>, root: N | undefined): Map<string, string> {
  const names = new Map<string, string>()
  for (const item of tree.items(tree.get(tree.get(root, 'availableSecrets'), 'secretManager'))) {
    const env = tree.string(tree.get(item, 'env'))
    const secret = /\/secrets\/([^/]+)/.exec(tree.string(tree.get(item, 'versionName')) ?? '')?.[1]
    if (env !== undefined && secret !== undefined) names.set(env, secret)
  }
  return names
}

/** a string or a list of strings, as a list */
function stringsOf<N>(tree: ConfigTree<N>, node: N | undefined): string[] {
  const single = tree.string(node)
  if (single !== undefined) return [single]
  return tree.items(node).flatMap((item) => tree.string(item) ?? [])
}

function yamlTree(view: YamlView): ConfigTree<YamlNode> {
  return {
    lines: view.lines,
    get: (node, key) => view.get(node, key),
    keySpan(node, key) {
      const entry = view.entries(node).find((e) => e.key === key)
      return entry && view.span(entry.keyNode)
    },
    items: (node) => view.items(node),
    string: (node) => view.string(node),
    word: (node) => (view.string(node) !== undefined ? view.argvElement(node) : undefined),
    shell: (node, shell) => view.shellSource(node, shell),
    span: (node) => view.span(node),
  }
}

function jsonTree(lines: LineIndex): ConfigTree<JsonNode> {
  return {
    lines,
    get: (node, key) => jsonAt(node, [key]),
    keySpan(node, key) {
      const entry = jsonEntries(node).filter((e) => e.key === key).pop()
      return entry && lines.span(entry.keyNode.offset, entry.keyNode.offset + entry.keyNode.length)
    },
    items: (node) => (node?.type === 'array' ? (node.children ?? []) : []),
    string: (node) => jsonString(node),
    word(node) {
      const value = jsonString(node)
      return node && value !== undefined ? { value, start: node.offset + 1, end: node.offset + node.length - 1 } : undefined
    },
    shell: (node, shell) => (node && jsonString(node) !== undefined ? { ...shellSourceOfJsonString(node, lines), shell } : undefined),
    span: (node) => (node ? lines.span(node.offset, node.offset + node.length) : lines.span(0, 0)),
  }
}
