// Commands a CI step sends to a server (drone-ssh's `script`, Jenkins Publish Over SSH's `execCommand`).
import type { SeedguardConfig } from '../../config/types.js'
import type { ProductionReason } from '../../model/production.js'
import type { Span } from '../../model/span.js'
import { classifyEnvironmentName } from '../../production/evidence.js'

/**
 * Commands sent to a server over ssh deploy there: production unless the server is named for
 * another environment, which then is where they run (`by`: what sends them; `host`: the server as written).
 */
export function remoteHostReason(host: string, by: string, span: Span, config: SeedguardConfig): ProductionReason {
  const words = host.replace(/from secret|`/g, ' ')
  if (classifyEnvironmentName(words, config) === 'not-production') return { kind: 'environment', towards: false, detail: `${by} runs the commands on ${host}, named for a non-production environment`, span }
  return { kind: 'deploy-command', towards: true, detail: `${by} runs the commands on ${host}`, span }
}
