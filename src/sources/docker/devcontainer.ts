// https://containers.dev/implementors/json_reference/
// A dev container's Dockerfile and compose stack: consumers that mark an image or a stack as not production.
import type { SeedguardConfig } from '../../config/types.js'
import type { Artifacts } from '../../production/deployments.js'
import type { Project } from '../../project/project.js'
import { jsonAt, jsonString, parseJsonOf } from '../../util/json.js'
import { dirnameOf, joinPath } from '../../util/paths.js'
import type { SourceReader } from '../types.js'

const devcontainer: SourceReader = {
  id: 'devcontainer',
  title: 'Dev containers',
  docs: 'https://containers.dev/implementors/json_reference/',
  files: ['**/devcontainer.json', '.devcontainer.json'],
  // a developer's editor reads it, no deploy does: an unreadable one hides nothing that runs in production
  candidates: true,
  // nothing a dev container starts runs in production; what it uses is local (`deploys`)
  read: () => ({ contexts: [], problems: [] }),
  deploys: { read: devcontainerArtifacts },
}
export default devcontainer

function devcontainerArtifacts(file: string, project: Project, _config: SeedguardConfig, out: Artifacts): void {
  const lines = project.cache.get(file)
  if (!lines) return
  const { root } = parseJsonOf(lines)
  const dir = dirnameOf(file)
  const path = jsonString(jsonAt(root, ['build', 'dockerfile'])) ?? jsonString(jsonAt(root, ['dockerFile']))
  const dockerfile = path && joinPath(dir, path)
  const context = joinPath(dir, jsonString(jsonAt(root, ['build', 'context'])) ?? '.') ?? dir
  if (dockerfile) out.images.push({ dockerfile, context, production: 'not-production', via: 'devcontainer', detail: `a dev container (${file})`, span: lines.span(0, 0) })
  const composeNode = jsonAt(root, ['dockerComposeFile'])
  const composeFiles = composeNode?.type === 'array' ? (composeNode.children ?? []).map(jsonString) : [jsonString(composeNode)]
  for (const f of composeFiles) {
    const path = f && joinPath(dir, f)
    if (path) out.composeRuns.push({ file: path, subcommand: 'up', profiles: [], services: [], production: 'not-production', detail: `the stack of a dev container (${file})` })
  }
}
