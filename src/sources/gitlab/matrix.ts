// `parallel: matrix:` runs one job per combination of each entry's values, with those values as
// variables, named `job: [v1, v2]`: https://docs.gitlab.com/ci/yaml/#parallelmatrix
import { get, type Definitions, type Value } from './merge.js'

// GitLab's own cap on the jobs one matrix makes
const MAX_JOBS = 200

export interface MatrixJob {
  /** `[aws, monitoring]`, as GitLab shows the job */
  suffix: string
  variables: Record<string, string>
}

/** the jobs a `parallel: matrix:` makes of one job; none: the job runs once */
export function matrixJobs(defs: Definitions, job: Value): MatrixJob[] | undefined {
  const matrix = defs.dereferenced(get(defs.dereferenced(get(job, 'parallel')), 'matrix'))
  if (matrix?.kind !== 'node') return undefined
  const jobs: MatrixJob[] = []
  for (const item of matrix.view.items(matrix.node)) {
    let combinations: Record<string, string>[] = [{}]
    for (const { key, value } of matrix.view.entries(item)) {
      const scalar = matrix.view.string(value)
      const values = scalar !== undefined ? [scalar] : matrix.view.strings(value)
      combinations = combinations.flatMap((c) => values.map((v) => ({ ...c, [key]: v })))
    }
    for (const variables of combinations) if (jobs.length < MAX_JOBS) jobs.push({ suffix: `[${Object.values(variables).join(', ')}]`, variables })
  }
  return jobs.length > 0 ? jobs : undefined
}
