// A dev container's Dockerfile and compose stack: consumers that mark an image as not production.
import { jsonAt, jsonString, parseJson } from '../../util/json.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import type { Project } from '../project.js'
import type { DockerFacts } from './types.js'

export function readDevcontainer(project: Project, file: string, out: DockerFacts): void {
  const lines = project.cache.get(file)
  if (!lines) return
  const { root } = parseJson(lines.text)
  const dir = dirnameOf(file)
  const path = jsonString(jsonAt(root, ['build', 'dockerfile'])) ?? jsonString(jsonAt(root, ['dockerFile']))
  const dockerfile = path && joinPath(dir, path)
  const context = joinPath(dir, jsonString(jsonAt(root, ['build', 'context'])) ?? '.') ?? dir
  if (dockerfile) out.images.push({ dockerfile, context, production: 'no', via: 'devcontainer', detail: `a dev container (${file})`, span: lines.span(0, 0) })
  const composeNode = jsonAt(root, ['dockerComposeFile'])
  const composeFiles = composeNode?.type === 'array' ? (composeNode.children ?? []).map(jsonString) : [jsonString(composeNode)]
  for (const f of composeFiles) {
    const path = f && joinPath(dir, f)
    if (path) out.composeRuns.push({ file: path, subcommand: 'up', profiles: [], services: [], production: 'no', detail: `the stack of a dev container (${file})` })
  }
}
