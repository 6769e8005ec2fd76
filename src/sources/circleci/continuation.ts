// Setup workflows (`setup: true`): the setup config's jobs choose or generate the config that
// continues the pipeline (https://circleci.com/docs/guides/orchestrate/dynamic-config/). Where an
// orb whose documentation says which file it continues with names a file of the repository, that
// file is read; otherwise what runs next cannot be known from the repository.
import type { YamlNode } from '../../util/yaml.js'
import { ROOT, type CircleConfig } from './config.js'

/**
 * circleci/path-filtering's `filter` job continues with `config-path` (default
 * `.circleci/continue_config.yml`), or the fourth column of its `mapping` lines
 * (https://circleci.com/developer/orbs/orb/circleci/path-filtering); circleci/continuation's
 * `continue` with `configuration_path` (https://circleci.com/developer/orbs/orb/circleci/continuation).
 */
const CONTINUING: Record<string, { job: string; parameter: string; default?: string; mapping?: true }> = {
  'circleci/path-filtering': { job: 'filter', parameter: 'config-path', default: '.circleci/continue_config.yml', mapping: true },
  'circleci/continuation': { job: 'continue', parameter: 'configuration_path' },
}

/** the files a setup config's jobs continue with; undefined where one of them is not known */
export function continuedFiles(circle: CircleConfig, jobs: { job: string; args: YamlNode | undefined }[]): string[] | undefined {
  const { view } = circle
  const files: string[] = []
  for (const { job, args } of jobs) {
    const slash = job.indexOf('/')
    const known = slash > 0 ? CONTINUING[circle.orbs.get(job.slice(0, slash)) ?? ''] : undefined
    if (!known || job.slice(slash + 1) !== known.job) continue
    const mapped = known.mapping ? (circle.text(view.get(args, 'mapping'), ROOT) ?? '').split('\n').map((line) => line.trim().split(/\s+/)[3]).filter((f): f is string => f !== undefined) : []
    const named = circle.text(view.get(args, known.parameter), ROOT) ?? known.default
    if (mapped.length === 0 && named === undefined) return undefined
    files.push(...(mapped.length > 0 ? mapped : [named!]))
  }
  return files.length > 0 ? [...new Set(files.map((f) => f.replace(/^\.\//, '')))] : undefined
}
