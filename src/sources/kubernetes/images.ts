// The images the containers of applied manifests run by name, with whether each deploy of them is production.
import type { SeedguardConfig } from '../../config/types.js'
import { imageName } from '../../model/image-name.js'
import type { Deployments, ImageRun } from '../../production/deployments.js'
import type { Project } from '../../project/project.js'
import { shellSourceOfArgv } from '../../util/exec-form.js'
import { blankTemplateActions } from '../../util/go-template.js'
import { LineIndex } from '../../util/line-index.js'
import { parseYamlDocuments, YamlView, type YamlNode } from '../../util/yaml.js'
import { manifestDeploys, placedRun } from './manifests.js'
import { containerEnv, POD_SPEC } from './reader.js'

const byDeployments = new WeakMap<object, ImageRun[]>()

/** every container of a manifest some deploy applies, once per deploy that applies it */
export function manifestImageRuns(project: Project, config: SeedguardConfig, deployments: Deployments): ImageRun[] {
  const key = deployments.artifacts
  const found = byDeployments.get(key)
  if (found) return found
  const out: ImageRun[] = []
  for (const [file, runs] of manifestDeploys(project, deployments)) {
    const lines = project.cache.get(file)
    if (!lines) continue
    // a templated image (`{{ .Values.image.repository }}`) is blank here: no name to follow
    const { text } = blankTemplateActions(lines.text)
    const { docs, error } = parseYamlDocuments(text)
    if (error) continue
    const blanked = text === lines.text ? lines : new LineIndex(file, text)
    for (const doc of docs) {
      const view = new YamlView(doc, blanked)
      const kind = view.string(view.get(view.root, 'kind')) ?? ''
      const path = POD_SPEC[kind]
      if (!path) continue
      const spec = path.reduce<YamlNode | undefined>((n, key) => view.get(n, key), view.root)
      const metadata = view.get(view.root, 'metadata')
      const workload = `Kubernetes ${kind} \`${view.string(view.get(metadata, 'name')) ?? '?'}\` in ${file}`
      for (const container of ['initContainers', 'containers'].flatMap((list) => view.items(view.get(spec, list)))) {
        const image = imageName(view.string(view.get(container, 'image')) ?? '')
        if (!image) continue
        for (const run of runs) {
          const { production, detail } = placedRun(run, view.string(view.get(metadata, 'namespace')), file, config)
          out.push({ image, production, detail: `${workload} (${detail})`, span: view.span(container), env: containerEnv(view, view.get(container, 'env')), ...startOverride(view, container) })
        }
      }
    }
  }
  byDeployments.set(key, out)
  return out
}

/** `command` replaces the image's ENTRYPOINT (and with it CMD), `args` its CMD (https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/) */
function startOverride(view: YamlView, container: YamlNode): Pick<ImageRun, 'command'> {
  const command = view.argv(view.get(container, 'command'))
  const argv = [...command, ...view.argv(view.get(container, 'args'))]
  if (argv.length === 0) return {}
  return { command: { label: `container \`${view.string(view.get(container, 'name')) ?? '?'}\` ${command.length > 0 ? 'command' : 'args'}`, source: shellSourceOfArgv(argv, view.lines), ...(command.length > 0 && { entrypoint: true }) } }
}
