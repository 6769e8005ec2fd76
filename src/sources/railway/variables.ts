// https://docs.railway.com/reference/variables#railway-provided-variables
// What Railway itself sets in every build and deployment of a service. The service's own variables
// are set in the dashboard: config as code (railway.json / railway.toml) holds build and deploy
// settings only (https://docs.railway.com/reference/config-as-code), so those stay unknown.
import type { SeedguardConfig } from '../../config/types.js'
import { classifyEnvironmentName } from '../../production/evidence.js'
import type { Doc } from './config-files.js'

// set in every deployment, to values only Railway knows; the domain, TCP proxy and volume ones only
// where the service has them, so they are left as anything outside the repository
const PROVIDED = ['RAILWAY_PRIVATE_DOMAIN', 'RAILWAY_PROJECT_NAME', 'RAILWAY_PROJECT_ID', 'RAILWAY_ENVIRONMENT_ID', 'RAILWAY_SERVICE_NAME', 'RAILWAY_SERVICE_ID', 'RAILWAY_REPLICA_ID', 'RAILWAY_REPLICA_REGION', 'RAILWAY_DEPLOYMENT_ID', 'RAILWAY_SNAPSHOT_ID']
// the name of the environment the deployment runs in; RAILWAY_ENVIRONMENT is its older name, which earlier docs listed
const ENVIRONMENT_NAME = ['RAILWAY_ENVIRONMENT_NAME', 'RAILWAY_ENVIRONMENT']

/** What Railway sets in a deployment in `environment` (undefined: an environment whose name is not known): values known, names set to values only Railway knows. */
export function railwayProvided(environment: string | undefined): { values: Record<string, string>; unknown: Set<string> } {
  return { values: environment === undefined ? {} : Object.fromEntries(ENVIRONMENT_NAME.map((n) => [n, environment])), unknown: new Set([...PROVIDED, ...(environment === undefined ? ENVIRONMENT_NAME : [])]) }
}

/** The same as the environment a platform gives a container, a value only Railway knows kept recognisable as `<secret NAME, set by Railway>`. */
export function railwayProvidedEnv(environment: string | undefined): Record<string, string> {
  const { values, unknown } = railwayProvided(environment)
  return { ...Object.fromEntries([...unknown].map((n) => [n, `<secret ${n}, set by Railway>`])), ...values }
}

/**
 * The name of the environment a service's production deployment runs in. Config as code applies
 * to the service in every environment, and every project is created with one named `production`
 * (https://docs.railway.com/reference/environments). An `environments.<name>` override naming
 * production otherwise (`prod`, `live`) says the project's production environment has that name.
 */
export function productionEnvironment(docs: Doc[], config: SeedguardConfig): string | undefined {
  const named = docs.flatMap((d) => d.keys(['environments'])).filter((n) => classifyEnvironmentName(n, config) === 'production')
  return named.every((n) => n === 'production') ? 'production' : undefined
}
