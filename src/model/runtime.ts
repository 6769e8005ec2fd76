import { CHECKOUT_ROOT } from '../util/paths.js'

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
  /** who sets `values`, for messages: "the runner", "the Node.js buildpack's defaults"; or who sets each */
  valuesBy?: string | Readonly<Record<string, string>>
  /**
   * values a file gives only some of the places this runtime covers (app.json `env`, for the apps
   * created from it): never taken as the value, but named where the variable is judged unknown
   */
  declared?: Readonly<Record<string, string>>
  /** where `declared` holds, for messages */
  declaredBy?: string
  /** variables the runtime itself sets to a value no file shows (GITHUB_REF on a runner): never taken as unset */
  provides?: (variable: string) => boolean
  /** variables the runtime sets to the directory it checked the repository out to (`$CI_PROJECT_DIR`) */
  checkout?: readonly string[]
}

/** the checkout-directory variables of a runtime, each holding the repository's root, for the paths commands name with them */
export function checkoutEnvironment(runtime: RuntimeEnvironment | undefined): Record<string, string> {
  return Object.fromEntries((runtime?.checkout ?? []).map((variable) => [variable, CHECKOUT_ROOT]))
}

/** who sets a variable `values` gives a value, for messages */
export function setterOf(runtime: RuntimeEnvironment, variable: string): string {
  const by = runtime.valuesBy
  return (typeof by === 'string' ? by : by?.[variable]) ?? runtime.label
}

/** why a variable no file of the path sets is unknown there, naming where a file declares it for some apps only */
export function unknownBecause(runtime: RuntimeEnvironment, variable: string): string {
  const declared = runtime.declared?.[variable]
  if (declared !== undefined) return `${variable} is ${declared || '(empty)'} only in ${runtime.declaredBy ?? 'some apps'}; elsewhere it comes from ${runtime.label}`
  return `no file of this path sets ${variable}: its value comes from ${runtime.label}`
}

/** A context whose environment comes from outside the repository: the default where nothing is known. */
export const OUTSIDE_ENVIRONMENT: RuntimeEnvironment = { unset: 'unknown', label: 'settings outside the repository (the platform, the server or the image that runs it)' }

/**
 * Variables that name the environment an app runs as; production platforms and images conventionally
 * set them. The platforms' own are here only where their documentation gives the value:
 *   VERCEL_ENV                production | preview | development
 *     https://vercel.com/docs/projects/environment-variables/system-environment-variables
 *   CONTEXT (Netlify builds)  production | deploy-preview | branch-deploy | dev
 *     https://docs.netlify.com/build/configure-builds/environment-variables/#build-metadata
 *   RAILWAY_ENVIRONMENT_NAME  the environment's name; every project starts with `production`
 *     https://docs.railway.com/reference/variables#railway-provided-variables
 *   SPRING_PROFILES_ACTIVE    the profiles a Spring Boot app runs with (`prod`; a list names no one environment)
 *     https://docs.spring.io/spring-boot/reference/features/profiles.html
 * Render (RENDER=true), Fly.io (FLY_APP_NAME) and Heroku name no environment: an app name is not one.
 */
export const RUNTIME_ENV_VARIABLES: readonly string[] = ['NODE_ENV', 'RAILS_ENV', 'RACK_ENV', 'APP_ENV', 'MIX_ENV', 'DJANGO_ENV', 'FLASK_ENV', 'ENVIRONMENT', 'ENV', 'STAGE', 'DEPLOY_ENV', 'VERCEL_ENV', 'CONTEXT', 'RAILWAY_ENVIRONMENT_NAME', 'SPRING_PROFILES_ACTIVE']
