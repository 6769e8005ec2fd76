import type { DatabaseTarget } from '../url.js'
import { scrub } from '../url.js'

/** One line: which server, and why not. */
export function describeConnectionError(product: string, target: DatabaseTarget, error: unknown): string {
  // Node's happy-eyeballs connect fails with an AggregateError whose own code and message are empty
  const outer = error as { code?: string; message?: string; errors?: unknown[] }
  const e = (!outer.code && !outer.message && outer.errors?.[0] ? outer.errors[0] : outer) as { code?: string; message?: string }
  const where = `${target.host}:${target.port}${target.database ? `/${target.database}` : ''}`
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused (is the server running and listening there?)',
    ENOTFOUND: 'host not found',
    EAI_AGAIN: 'host name lookup failed',
    ETIMEDOUT: 'timed out',
    ECONNRESET: 'the server closed the connection',
    EHOSTUNREACH: 'host unreachable',
  }
  const reason = (e.code && reasons[e.code]) || firstLine(e.message ?? String(error))
  return scrub(`cannot connect to ${product} at ${where}: ${reason}`, target.secrets)
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.trim() || 'unknown error'
}

