/**
 * An address whose domain (`domain`, from `email`) is one of `domains` or lies under one, as hashed
 * IN lookups: of the whole domain, of its top-level label, and of its last two and three labels
 * where it has more (a reserved domain is at most three labels: email.com.test). One lookup per row
 * beats a LIKE per domain; a LIKE on the stored address's dots spares the label splitting on the
 * usual two-label domain. `lastLabels(1)` may read the address itself: after the @ its last label
 * is the domain's.
 */
export function domainInLabels(email: string, domain: string, lastLabels: (n: number) => string, quote: (value: string) => string, domains: readonly string[]): string {
  const list = `(${[...new Set(domains.map((d) => d.toLowerCase()))].map(quote).join(', ')})`
  const deeper = (n: number) => `(${email} LIKE '%@%${'.%'.repeat(n)}' AND ${lastLabels(n)} IN ${list})`
  return `(${domain} IN ${list} OR ${lastLabels(1)} IN ${list} OR ${deeper(2)} OR ${deeper(3)})`
}
