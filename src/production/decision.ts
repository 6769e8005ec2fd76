import type { ProductionReason, ProductionVerdict } from '../model/production.js'

/**
 * Weighs the evidence for one step of one context. Evidence against production that names the
 * setting (a staging environment, a local database, pull-request-only triggers, an `if:` that
 * excludes the default branch) wins; an explicit production environment decides; otherwise a path
 * that can run on the default branch or a release is production when it deploys to production or
 * talks to a deployed database from a secret.
 */
export function decideProduction(reasons: ProductionReason[]): ProductionVerdict {
  const against = reasons.filter((r) => !r.towards && (r.kind === 'environment' || r.kind === 'trigger' || r.kind === 'condition' || r.kind === 'database'))
  const deployAgainst = reasons.filter((r) => !r.towards && (r.kind === 'deploy-command' || r.kind === 'deploy-action'))
  const towards = reasons.filter((r) => r.towards)
  // a production GitHub environment, or a platform phase that runs on every production deploy
  const environment = towards.filter((r) => (r.kind === 'environment' || r.kind === 'platform-phase') && !r.weak)
  if (against.length > 0) return { verdict: 'not-production', confidence: 'high', reasons: [...against, ...environment] }
  if (environment.length > 0) return { verdict: 'production', confidence: 'high', reasons: towards }
  const reaches = towards.filter((r) => r.kind === 'trigger' || r.kind === 'condition' || r.kind === 'platform-phase' || r.kind === 'caller')
  const weakPhases = towards.filter((r) => r.kind === 'platform-phase' && r.weak)
  const deploys = towards.filter((r) => r.kind === 'deploy-command' || r.kind === 'deploy-action')
  const database = towards.filter((r) => r.kind === 'database')
  const runtime = towards.filter((r) => r.kind === 'env-var')
  // an environment whose name is chosen at run time (`environment: $TARGET`) may be production
  const environmentUnknown = towards.filter((r) => r.kind === 'environment' && r.weak)
  if (reaches.length > 0 && (deploys.length > 0 || database.length > 0)) {
    return { verdict: 'production', confidence: 'medium', reasons: [...reaches, ...deploys, ...database, ...runtime] }
  }
  if (deployAgainst.length > 0 && deploys.length === 0) return { verdict: 'not-production', confidence: 'medium', reasons: deployAgainst }
  if (database.length > 0 || weakPhases.length > 0 || (reaches.length > 0 && (runtime.length > 0 || environmentUnknown.length > 0))) {
    return { verdict: 'unknown', confidence: 'low', reasons: [...reaches, ...environmentUnknown, ...database, ...runtime] }
  }
  return { verdict: 'not-production', confidence: 'low', reasons: reaches }
}
