// Compose files as image consumers: services that build a Dockerfile, and the files `docker compose up` brings up.
import { basenameOf, dirnameOf, joinPath } from '../../util/paths.js'
import type { YamlNode, YamlView } from '../../util/yaml.js'
import type { Project } from '../project.js'
import { defaultDockerfile, isComposeFile, yamlOf } from './files.js'
import type { ImageUse } from './types.js'

export function readComposeBuilds(project: Project, file: string, out: ImageUse[]): void {
  const view = yamlOf(project, file)
  if (!view) return
  const dir = dirnameOf(file)
  for (const { key, value } of view.entries(view.get(view.root, 'services'))) {
    const build = composeBuild(project, view, dir, view.get(value, 'build'))
    if (build) out.push({ ...build, production: 'maybe', via: 'compose', composeFile: file, detail: `compose service \`${key}\``, span: view.span(value) })
  }
}

/** a compose `build:` (a context string, or `context`/`dockerfile`/`target`) as the Dockerfile it builds */
export function composeBuild(project: Project, view: YamlView, dir: string, build: YamlNode | undefined): { dockerfile: string; context: string; target?: string } | undefined {
  if (!build) return undefined
  const context = joinPath(dir, view.string(build) ?? view.string(view.get(build, 'context')) ?? '.')
  if (!context) return undefined
  const named = view.string(view.get(build, 'dockerfile'))
  const dockerfile = named ? joinPath(context, named) : defaultDockerfile(project, context)
  const target = view.string(view.get(build, 'target'))
  return dockerfile && project.cache.exists(dockerfile) ? { dockerfile, context, ...(target && { target }) } : undefined
}

/** compose files named by `docker compose [-f x]… up` in text; without `-f`, the default file nearest to `dir` */
export function composeUpFiles(project: Project, text: string, dir: string): string[] {
  const out: string[] = []
  for (const match of text.matchAll(/docker[- ]compose((?:[ \t]+[^\s;&|]+)*?)[ \t]+up\b/g)) {
    const named = [...match[1]!.matchAll(/(?:-f|--file)[\s=]+(\S+)/g)].map((m) => m[1]!.replace(/^['"]|['"]$/g, ''))
    if (named.length > 0) out.push(...named.flatMap((n) => nearest(project, dir, (f) => basenameOf(f) === basenameOf(n) && isComposeFile(f))))
    else out.push(...nearest(project, dir, (f) => /^(docker-)?compose\.ya?ml$/.test(basenameOf(f))))
  }
  return out
}

/** the matching files in `dir` or the nearest directory above it that has one */
function nearest(project: Project, dir: string, test: (file: string) => boolean): string[] {
  const files = project.cache.files.list().filter(test)
  for (let current: string | undefined = dir; current !== undefined; current = current === '.' ? undefined : dirnameOf(current)) {
    const here = files.filter((f) => dirnameOf(f) === current)
    if (here.length > 0) return here
  }
  return files.length === 1 ? files : []
}

/** a prod-named compose file whose services only adjust the base file's services (no image, no build) */
export function isOverlay(project: Project, file: string): boolean {
  const view = yamlOf(project, file)
  const services = view ? view.entries(view.get(view.root, 'services')) : []
  return services.length > 0 && services.every(({ value }) => !view!.get(value, 'image') && !view!.get(value, 'build'))
}
