/**
 * What a variable that no file of a context sets holds when the context's commands run. A guard
 * such as `[ "$NODE_ENV" != production ] && seed` is only as good as this: on a GitHub-hosted
 * runner NODE_ENV is unset, so the test is true and the seed runs; on a platform whose dashboard,
 * base image or server profile can set anything, its value cannot be known from the repository.
 */
export interface RuntimeEnvironment {
  /**
   * empty: a variable no file sets is unset, except those the runtime itself provides (`provides`);
   * unknown: it may be set outside the repository
   */
  unset: 'empty' | 'unknown'
  /** whose environment it is, for messages: "a GitHub-hosted runner", "the platform that starts the container" */
  label: string
  /** variables the runtime itself sets to a known value (CI=true on a runner) */
  values?: Readonly<Record<string, string>>
  /** who sets `values`, for messages: "the runner", "the Node.js buildpack's defaults" */
  valuesBy?: string
  /** variables the runtime itself sets to a value no file shows (GITHUB_REF on a runner): never taken as unset */
  provides?: (variable: string) => boolean
}

/** A context whose environment comes from outside the repository: the default where nothing is known. */
export const OUTSIDE_ENVIRONMENT: RuntimeEnvironment = { unset: 'unknown', label: 'settings outside the repository (the platform, the server or the image that runs it)' }

/** Variables that name the environment an app runs as; production platforms and images conventionally set them. */
export const RUNTIME_ENV_VARIABLES: readonly string[] = ['NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'MIX_ENV', 'DJANGO_ENV', 'FLASK_ENV', 'ENVIRONMENT', 'ENV', 'STAGE', 'DEPLOY_ENV']
