// What test and demo identities look like, and what real people who merely resemble them look like.
// An address is demo data when its domain is reserved for tests (RFC 2606/6761: example.*, .test,
// .invalid, .localhost), a test or throwaway mailbox, or when its mailbox is made of nothing but
// demo words and digits (user12, test_account, demo.user, +test). One demo-ish word next to a real
// name is a person: contest.winner, testa.maria, demo.gonzalez (Demetrio González), john.tester.

/** words that only test data uses as a whole mailbox or name */
const DEMO = ['test', 'tests', 'testing', 'demo', 'fake', 'seed', 'seeded', 'seeder', 'dummy', 'sample', 'example', 'lorem', 'ipsum', 'placeholder', 'qa', 'sandbox', 'faker', 'mock']
/** words a demo mailbox pairs with them; alone they are not demo data (admin@company.com is real) */
const GENERIC = ['user', 'users', 'admin', 'account', 'acct', 'customer', 'client', 'member', 'person', 'people', 'foo', 'bar', 'baz', 'no', 'reply', 'noreply', 'new', 'temp', 'tmp', 'me', 'my', 'x', 'xx', 'xxx', 'abc', 'asdf', 'qwerty', 'john', 'jane', 'doe', 'name', 'email', 'mail', 'data', 'manager', 'owner', 'guest', 'staff', 'dev', 'one', 'two', 'three', 'first', 'last', 'the', 'a', 'and', 'for']
const VOCABULARY = new Set([...DEMO, ...GENERIC])
const DEMO_SET = new Set(DEMO)

/** domains that receive no real person's mail */
export const TEST_DOMAINS = ['example.com', 'example.org', 'example.net', 'test.com', 'test.org', 'test.net', 'test.io', 'test.de', 'test.local', 'demo.com', 'fake.com', 'fakemail.com', 'seed.com', 'dummy.com', 'email.com.test', 'localhost', 'mailinator.com', 'yopmail.com', 'guerrillamail.com', 'guerrillamail.net', 'sharklasers.com', '10minutemail.com', 'temp-mail.org', 'tempmail.com', 'trashmail.com', 'throwawaymail.com', 'getnada.com', 'maildrop.cc', 'dispostable.com', 'fakeinbox.com', 'mailnesia.com', 'mintemail.com', 'spamgourmet.com', 'mohmal.com', 'emailondeck.com', 'tempail.com', 'burnermail.io', 'mailcatch.com']
export const TEST_TLDS = ['.test', '.example', '.invalid', '.localhost', '.local']

export type IdentityField = 'email' | 'username' | 'name'

/**
 * A POSIX regular expression, for lowercased text, that every value demoWords accepts matches:
 * nothing but vocabulary words, digits and separators (then `tail`). Looser than the classifier
 * (no demo word needed), so a database can narrow candidates with it and lose none; lookalikes such
 * as testa.maria never reach Node. Longest words first: an alternation tries them in order.
 */
export function vocabularyPattern(tail = ''): string {
  const words = [...VOCABULARY].sort((a, b) => b.length - a.length || (a < b ? -1 : 1))
  return `^([[:space:]._0-9-]|${words.join('|')})+${tail}$`
}

/** Why a value is test data, or undefined for a person. */
export function classifyIdentity(field: IdentityField, value: string, extraDomains: readonly string[] = []): string | undefined {
  const v = value.trim().toLowerCase()
  if (!v) return undefined
  if (field === 'email') return classifyEmail(v, extraDomains)
  if (field === 'username') return demoWords(v) ? `username \`${value}\` is made of demo words` : undefined
  return demoWords(v) || /^(john|jane) doe$/.test(v) ? `name \`${value}\` is a placeholder` : undefined
}

function classifyEmail(email: string, extraDomains: readonly string[]): string | undefined {
  const at = email.lastIndexOf('@')
  if (at <= 0) return undefined
  const local = email.slice(0, at)
  const domain = email.slice(at + 1)
  const reserved = [...TEST_DOMAINS, ...extraDomains.map((d) => d.toLowerCase())]
  if (reserved.includes(domain) || TEST_TLDS.some((tld) => domain.endsWith(tld)) || reserved.some((d) => domain.endsWith(`.${d}`))) return `test domain ${domain}`
  const [mailbox, tag] = local.split('+', 2)
  if (tag !== undefined && demoWords(tag, true)) return `+${tag} sub-address`
  if (/^(john|jane)[._-]?doe\d*$/.test(mailbox!)) return 'placeholder mailbox'
  if (demoWords(mailbox!)) return `demo mailbox ${mailbox}`
  return undefined
}

/**
 * Whether the text is nothing but vocabulary words and digits, with at least one demo word, or
 * `user` with a number (user12). Words may run together (testuser) or be split by . _ - space.
 */
function demoWords(text: string, tagOnly = false): boolean {
  const parts = text.split(/[._\-\s]+|(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])/).filter(Boolean)
  if (parts.length === 0) return false
  let demo = false
  let userNumber = false
  for (const [i, part] of parts.entries()) {
    if (/^\d+$/.test(part)) {
      if (i > 0 && /^users?$/.test(parts[i - 1]!)) userNumber = true
      continue
    }
    const words = segment(part)
    if (!words) return false
    if (words.some((w) => DEMO_SET.has(w))) demo = true
  }
  return demo || (userNumber && !tagOnly)
}

/** `part` as a run of vocabulary words (testuser → test, user), or undefined */
function segment(part: string): string[] | undefined {
  if (VOCABULARY.has(part)) return [part]
  const best: Array<string[] | undefined> = [[]]
  for (let end = 1; end <= part.length; end++) {
    for (let start = Math.max(0, end - 12); start < end; start++) {
      const head = best[start]
      const word = part.slice(start, end)
      // one-letter words only whole, never as glue inside a longer name (x, a)
      if (head && word.length > 1 && VOCABULARY.has(word)) {
        best[end] = [...head, word]
        break
      }
    }
  }
  return best[part.length]
}

/** Masks a person's identity for output; demo identities are shown whole (they are the evidence). */
export function maskIdentity(field: IdentityField, value: string, extraDomains: readonly string[] = []): string {
  if (classifyIdentity(field, value, extraDomains)) return value
  if (field === 'email') {
    const at = value.lastIndexOf('@')
    return at > 0 ? `${value[0]}***@${value.slice(at + 1)}` : `${value[0] ?? ''}***`
  }
  return value
    .split(/\s+/)
    .map((w) => `${[...w][0] ?? ''}***`)
    .join(' ')
}
