// https://caprover.com/docs/captain-definition-file.html
import type { SeedguardConfig } from '../config/types.js'
import { imageName } from '../model/image-name.js'
import type { Artifacts } from '../production/deployments.js'
import type { Project } from '../project/project.js'
import { jsonAt, jsonString, parseJsonOf, type JsonNode } from '../util/json.js'
import { dirnameOf, joinPath } from '../util/paths.js'
import { inlineDockerfileOf, isCaptainDefinition } from './docker/inline-dockerfile.js'
import dockerfile from './docker/reader.js'
import type { Problem, SourceReader } from './types.js'

/**
 * A captain-definition says what `caprover deploy` (or a push to the app's webhook) builds: a
 * Dockerfile of the uploaded tree (`dockerfilePath`), one written inline (`dockerfileLines`), or
 * an image built elsewhere (`imageName`). The app is defined on the CapRover server, not in the
 * repository, so every app deployed from the file counts as production; the build context is the
 * uploaded tree, the file's own directory.
 */
const caprover: SourceReader = {
  id: 'caprover',
  title: 'CapRover',
  docs: 'https://caprover.com/docs/captain-definition-file.html',
  files: ['**/captain-definition', '**/captain-definition-*'],
  accepts: isCaptainDefinition,
  rejectedBy: 'CapRover',
  read(file, project, config, deployments) {
    const lines = project.cache.get(file)
    if (!lines) return { contexts: [], problems: [] }
    const { root, error } = parseJsonOf(lines)
    if (error) return { contexts: [], problems: [{ rule: 'parse-error', message: error.message, span: lines.span(error.offset, error.offset + 1) }] }
    const problems: Problem[] = []
    const path = jsonAt(root, ['dockerfilePath'])
    const named = dockerfileOf(file, path)
    if (path && (!named || !project.cache.exists(named))) {
      problems.push({ rule: 'unresolved-on-production-path', message: `\`dockerfilePath\` names ${jsonString(path) ?? 'no path'}, which is not a file of the repository: what CapRover builds cannot be read`, span: lines.span(path.offset, path.offset + path.length) })
    }
    const inline = inlineDockerfileOf(project, file)
    if (inline && 'problem' in inline) {
      const node = jsonAt(root, ['dockerfileLines'])!
      problems.push({ rule: 'unresolved-on-production-path', message: `${inline.problem}: what CapRover builds cannot be read`, span: lines.span(node.offset, node.offset + 1) })
    }
    // the inline Dockerfile is read as a Dockerfile of its own, located in this file
    const image = inline && 'lines' in inline ? dockerfile.read(file, project, config, deployments) : { contexts: [], problems: [] }
    return { contexts: image.contexts, problems: [...problems, ...image.problems] }
  },
  deploys: { read: caproverImages },
}
export default caprover

/** `dockerfilePath` from the uploaded tree's root; CapRover refuses a path out of it */
function dockerfileOf(file: string, node: JsonNode | undefined): string | undefined {
  const path = jsonString(node)
  return path === undefined || path.split('/').includes('..') ? undefined : joinPath(dirnameOf(file), path)
}

function caproverImages(file: string, project: Project, _config: SeedguardConfig, out: Artifacts): void {
  const lines = project.cache.get(file)
  const root = lines && parseJsonOf(lines).root
  if (!lines || !root) return
  const dir = dirnameOf(file)
  const span = lines.span(0, 0)
  const path = dockerfileOf(file, jsonAt(root, ['dockerfilePath']))
  const base = { context: dir, production: 'production', via: 'platform', span } as const
  if (path && project.cache.exists(path)) out.images.push({ ...base, dockerfile: path, detail: `CapRover builds it for the app deployed from ${file}` })
  if (jsonAt(root, ['dockerfileLines'])) out.images.push({ ...base, dockerfile: file, detail: `CapRover builds \`dockerfileLines\` of ${file} for the app deployed from it` })
  const name = imageName(jsonString(jsonAt(root, ['imageName'])) ?? '')
  if (name) out.imageRuns.push({ image: name, production: 'production', detail: `CapRover deploys image ${name.written} for the app of ${file}`, span })
}
