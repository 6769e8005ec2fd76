// Directories a build step creates inside a copied project, which the image then runs from: not in the repository, and yet the project's own.
import type { Project } from '../../project/project.js'
import { joinPath } from '../../util/paths.js'

/**
 * `mix release` assembles the release in `_build/<env>/rel/<name>` and copies the project's
 * `rel/overlays` into its root (https://hexdocs.pm/mix/Mix.Tasks.Release.html#module-overlays): of a
 * release copied out of a build stage, the overlays (`bin/migrate`, `bin/seed`, …) are the
 * repository's files; the rest (`bin/<name>`, the compiled code) the build made.
 * The container path of the overlays in the build stage, for a copied release path.
 */
export function mixReleaseOverlays(containerSrc: string): string | undefined {
  const project = /^(.*)\/_build\/[^/]+\/rel\/[^/]+\/?$/.exec(containerSrc)?.[1]
  return project === undefined ? undefined : `${project}/rel/overlays`
}

/**
 * `medusa build` writes a standalone server to `.medusa/server`, with the project's package.json:
 * Medusa's guide installs its dependencies there and runs `npm run predeploy` and `npm run start`
 * in it (https://docs.medusajs.com/learn/build), so its scripts are the project's.
 */
const OUTPUTS = ['.medusa/server']

/** the project directory a build output of the repository stands for: `shop/.medusa/server` → `shop` */
export function builtProjectOf(project: Project, repoPath: string): string | undefined {
  for (const output of OUTPUTS) {
    const dir = repoPath === output ? '.' : repoPath.endsWith(`/${output}`) ? repoPath.slice(0, -output.length - 1) : undefined
    if (dir !== undefined && project.packages.get(dir)) return dir
  }
  return undefined
}

/** a repository path that is, or holds, a build output (`shop/.medusa`, copied whole by a later stage) */
export function holdsBuildOutput(project: Project, repoPath: string): boolean {
  return OUTPUTS.some((output) => {
    const parts = output.split('/')
    return parts.some((_, i) => {
      const head = parts.slice(0, i + 1).join('/')
      if (repoPath !== head && !repoPath.endsWith(`/${head}`)) return false
      const rest = parts.slice(i + 1).join('/')
      const path = rest === '' ? repoPath : joinPath(repoPath, rest)
      return path !== undefined && builtProjectOf(project, path) !== undefined
    })
  })
}
