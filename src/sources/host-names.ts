import type { SeedguardConfig } from '../config/types.js'
import type { Verdict } from '../model/production.js'
import { classifyEnvironmentName } from '../production/evidence.js'

/**
 * What a server's host name says of its environment: `deploy@prod.example.com` → `prod`. The
 * labels before the registered domain name the machine; `user@` and `:port` say nothing; an IP
 * address or localhost says nothing either.
 */
export function hostVerdict(host: string, config: SeedguardConfig): Verdict {
  const name = host.replace(/^.*@/, '').replace(/:\d+$/, '')
  if (/^[\d.]+$/.test(name) || name === 'localhost') return 'unknown'
  const labels = name.split('.')
  return classifyEnvironmentName(labels.length > 2 ? labels.slice(0, -2).join('.') : labels[0]!, config)
}
