// What a platform app's own configuration says about the environment it is: its name, or the
// `*_ENV` variables its file gives it. Shared by the platform readers whose one file is pushed to
// any number of apps or spaces (Cloud Foundry, App Engine, Flightcontrol).
import type { SeedguardConfig } from '../config/types.js'
import type { ProductionReason } from '../model/production.js'
import type { Span } from '../model/span.js'
import { envVarReasons, nameVerdict } from '../production/evidence.js'

export interface AppName {
  /** how the platform calls it: "Cloud Foundry app", "App Engine service" */
  what: string
  name: string
  span: Span
}

/**
 * A name for staging or review (`shop-staging`), or an env naming a non-production runtime
 * (`RAILS_ENV: staging`), is not production; a production name is; otherwise the file says
 * nothing and the platform phase alone decides.
 */
export function appNameReasons(names: AppName[], env: Record<string, string>, envSpan: Span, config: SeedguardConfig): ProductionReason[] {
  const against = names.filter((n) => nameVerdict(n.name, config) === 'not-production')
  if (against.length > 0) return against.map((n) => ({ kind: 'environment', towards: false, detail: `${n.what} \`${n.name}\` is not production`, span: n.span }))
  const configured = envVarReasons(env, config, envSpan).filter((r) => !r.towards)
  if (configured.length > 0) return configured.map((r) => ({ ...r, detail: `${r.detail}: the app is not production` }))
  return names.filter((n) => nameVerdict(n.name, config) === 'production').map((n) => ({ kind: 'environment', towards: true, detail: `${n.what} \`${n.name}\``, span: n.span }))
}
