// The database narrows demo-identity candidates (a demo word somewhere, then a field made of nothing
// but vocabulary where it has a regex); the classifier decides. Narrowing must never lose a row the
// classifier would flag: on every dialect, the check's count equals the classifier's own count over
// the same values, for demo values in every shape next to people who merely resemble them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import demoIdentities from '../../src/verify/checks/demo-identities.js'
import { classifyIdentity, vocabularyPattern } from '../../src/verify/identities.js'
import type { Indicator } from '../../src/verify/types.js'
import { DIALECTS, type TestDatabase, verifyTables } from './dialects.js'
import { rng, type FixtureTable } from './fixture.js'

const DEMO_PARTS = ['test', 'Test', 'TESTING', 'demo', 'fake', 'faker', 'seed', 'seeded', 'dummy', 'sample', 'example', 'lorem', 'ipsum', 'placeholder', 'qa', 'QA', 'sandbox', 'mock', 'user', 'users', 'admin', 'account', 'john', 'Jane', 'doe', 'x', 'a', 'new', 'acct']
const PEOPLE = ['maria', 'Testa', 'contest', 'winner', 'sampson', 'andrea', 'demetrio', 'gonzalez', 'tester', 'useful', 'seedorf', 'doering', 'qasim', 'mockingbird', 'fakhri', 'Dummett', 'lorena', 'samplewicz', 'examplar']
const SEPARATORS = ['', '.', '_', '-', ' ', '  ', '\t']
const DOMAINS = ['gmail.com', 'Example.COM', 'qa.test', 'acme.io', 'mail.example.org', 'localhost', 'test.com.br']

/** values in the shapes seeds and people write: words, digits, separators, case, tags, stray @ */
function values(): FixtureTable {
  const next = rng(2026)
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]!
  const word = () => (next() < 0.35 ? pick(DEMO_PARTS) : pick(PEOPLE))
  const digits = () => (next() < 0.4 ? String(Math.floor(next() * 120)).padStart(next() < 0.3 ? 3 : 1, '0') : '')
  const handle = () => {
    const parts = Array.from({ length: 1 + Math.floor(next() * 3) }, () => word() + (next() < 0.3 ? digits() : ''))
    const lead = next() < 0.1 ? pick(['1', ' ', '_', '.']) : ''
    return lead + parts.map((p, i) => (i ? pick(SEPARATORS) : '') + p).join('') + digits()
  }
  const rows: unknown[][] = []
  for (let i = 1; i <= 1500; i++) {
    const mailbox = handle().replace(/\s+/g, '.')
    const tag = next() < 0.1 ? `+${pick(['test', 'qa', 'news', 'x1'])}` : ''
    const stray = next() < 0.03 ? 'a@' : ''
    rows.push([i, `${stray}${mailbox}${tag}@${pick(DOMAINS)}`, handle(), next() < 0.15 ? pick(['John Doe', 'jane  doe', 'Test User', 'Maria Testa']) : `${word()} ${word()}`])
  }
  return { name: 'people', columns: [['id', 'id'], ['email', 'text'], ['username', 'text'], ['name', 'text']], rows }
}

const table = values()
const expected = table.rows.filter(([, email, username, name]) => classifyIdentity('email', email as string) || classifyIdentity('username', username as string) || classifyIdentity('name', name as string)).length

describe('the vocabulary pattern', () => {
  it('matches every value the classifier flags for its words (POSIX classes read as JavaScript)', () => {
    const asJs = (pattern: string) => new RegExp(pattern.replace('[[:space:]', '[\\s'))
    const whole = asJs(vocabularyPattern())
    const mailbox = asJs(vocabularyPattern('@[^@]*'))
    let flagged = 0
    for (const [, email, username, name] of table.rows as string[][]) {
      for (const value of [username!, name!]) if (classifyIdentity('username', value)) expect(whole.test(value.toLowerCase()), value).toBe(true), flagged++
      const why = classifyIdentity('email', email!)
      // an address with a +tag reaches Node by its + alone
      if (why && !why.startsWith('test domain') && !email!.includes('+')) expect(mailbox.test(email!.toLowerCase()), email).toBe(true), flagged++
    }
    expect(flagged).toBeGreaterThan(200)
  })
})

for (const dialect of DIALECTS) {
  describe(`${dialect.id}: demo-identity narrowing loses nothing`, () => {
    let db: TestDatabase | undefined
    let found: Indicator[] = []
    beforeAll(async () => {
      ;({ db, indicators: found } = await verifyTables(dialect, 'narrowing', [table], [demoIdentities]))
    }, 120_000)
    afterAll(async () => db?.drop())

    it(`counts exactly the rows the classifier flags (${expected} of ${table.rows.length})`, () => {
      expect(expected).toBeGreaterThan(300)
      expect(expected).toBeLessThan(table.rows.length - 200)
      expect(found[0]?.count).toBe(expected)
    })
  })
}
