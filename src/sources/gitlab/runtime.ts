import type { RuntimeEnvironment } from '../../model/runtime.js'

/**
 * The environment a GitLab job's script sees. GitLab sets CI=true, GITLAB_CI=true and its CI_*
 * variables (https://docs.gitlab.com/ci/variables/predefined_variables/), and no NODE_ENV or
 * RAILS_ENV; but the job runs in an image whose ENV no file shows, and CI/CD variables set in the
 * project's settings reach every job: a variable no YAML sets is unknown, not unset.
 */
export function jobRuntime(image: string | undefined, known: Record<string, string>): RuntimeEnvironment {
  return {
    unset: 'unknown',
    label: `${image ? `the image \`${image}\`` : "the runner's default image"} and the project's CI/CD settings (outside the repository)`,
    values: { CI: 'true', GITLAB_CI: 'true', ...known },
    valuesBy: 'GitLab',
    provides: (variable) => /^(CI|GITLAB|FF)_/.test(variable),
    // each job runs in a fresh checkout at $CI_PROJECT_DIR: https://docs.gitlab.com/ci/variables/predefined_variables/
    checkout: ['CI_PROJECT_DIR'],
  }
}

/**
 * The host names a job reaches its `services:` by: the image name without its tag, with `/` as
 * `__` and as `-`, and any `alias:` (https://docs.gitlab.com/ci/services/#accessing-the-services).
 */
export function serviceHosts(services: { name?: string; alias?: string }[]): string[] {
  return services.flatMap(({ name, alias }) => {
    const image = name?.replace(/@.*$/, '').replace(/:[^/:]*$/, '')
    const hosts = image ? [image.replace(/\//g, '__'), image.replace(/\//g, '-')] : []
    return [...new Set([...hosts, ...(alias ? alias.split(',').map((a) => a.trim()) : [])])]
  })
}
