import { hostname, userInfo } from 'node:os'

/** `user@host` of whoever runs seedguard, for the marker and its audit; userInfo throws for a uid with no passwd entry (a container's) */
export function operator(env: NodeJS.ProcessEnv): string {
  let user: string | undefined
  try {
    user = userInfo().username
  } catch {
    user = env.USER ?? env.USERNAME
  }
  return `${user || 'unknown'}@${hostname()}`
}
