// Every consumer of a Dockerfile: those that build it (a platform, a CI job, a compose service), and
// those that run the image by a name its build gives it, in any file of the repository.
import type { SeedguardConfig } from '../../config/types.js'
import { sameImage } from '../../model/image-name.js'
import type { Deployments, ImageRun, ImageUse } from '../../production/deployments.js'
import type { Project } from '../../project/project.js'
import { manifestImageRuns } from '../kubernetes/images.js'
import { composeServiceProduction } from './compose-stack.js'

/**
 * The Dockerfile's consumers, each as production as it is once every deploy is read. A build that
 * only makes and pushes the image (a CI job, a compose build file) says where the image goes, and
 * what runs it by name says what runs it: where some consumer found by name is production, or every
 * one is not, those consumers stand for the build; with none found (the image may be pulled by a
 * server or another repository) or only uncertain ones, the build stays the evidence.
 */
export function imageUsesOf(project: Project, config: SeedguardConfig, deployments: Deployments, dockerfile: string): ImageUse[] {
  const runs = imageRunsOf(project, config, deployments)
  return deployments.artifacts.images
    .filter((u) => u.dockerfile === dockerfile)
    .flatMap((built) => {
      const use = withStack(project, config, deployments, built)
      const byName = runs.flatMap((run) => {
        const name = use.names?.find((n) => sameImage(n, run.image))
        if (!name) return []
        const { dockerfile, context, target, buildArgs, buildSecrets } = use
        const { production, detail, span, command, env } = run
        const consumer: ImageUse = { dockerfile, context, ...(target && { target }), ...(buildArgs && { buildArgs }), ...(buildSecrets && { buildSecrets }), production, detail, span, via: 'by-name', ...(command && { command }), ...(env && { env }) }
        return [{ ...consumer, builtAs: { name: name.written, detail: use.detail, span: use.span } }]
      })
      if (!use.buildOnly) return [use, ...byName]
      const decided = byName.some((u) => u.production === 'production') || (byName.length > 0 && byName.every((u) => u.production === 'not-production'))
      return decided ? byName : [use, ...byName]
    })
}

/** a compose service's use as production as its stack; a build file's service only builds */
function withStack(project: Project, config: SeedguardConfig, deployments: Deployments, use: ImageUse): ImageUse {
  if (!use.compose) return use
  const { production, detail, buildOnly } = composeServiceProduction(project, config, deployments, use.compose)
  if (buildOnly) return { ...use, production: 'unknown', buildOnly, detail: `${use.detail}, a build file` }
  return { ...use, production, detail: `${use.detail} (${detail})` }
}

const byDeployments = new WeakMap<object, ImageRun[]>()

/** what runs an image by name, with its verdict: compose services (but not in a build file) and manifests' containers */
function imageRunsOf(project: Project, config: SeedguardConfig, deployments: Deployments): ImageRun[] {
  const key = deployments.artifacts
  const found = byDeployments.get(key)
  if (found) return found
  const compose = deployments.artifacts.imageRuns.flatMap((run) => {
    if (!run.compose) return [run]
    const { production, detail, buildOnly } = composeServiceProduction(project, config, deployments, run.compose)
    return buildOnly ? [] : [{ ...run, production, detail: `${run.detail} (${detail})` }]
  })
  const runs = [...compose, ...manifestImageRuns(project, config, deployments)]
  byDeployments.set(key, runs)
  return runs
}
