// The cleanup guide's schema (Admin, User, Session, Payment, Report; every foreign key ON DELETE
// RESTRICT, as Prisma lays out a required relation) holding an app's organic rows and one seed
// run: forty users user1…user40@test.com inserted within 200 ms with their sessions, payments and
// reports, and an admin@test.com beside the founder's account.
import { rng } from '../verify/fixture.js'
import type { TableSpec } from './schema.js'

const DAY = 86_400_000
const END = Date.UTC(2026, 10, 20)
export const SEED_AT = END - 12 * DAY + 14 * 3_600_000 + 7_118
export const SEEDED_USERS = 40

const FIRST = ['maria', 'james', 'aiko', 'lars', 'fatima', 'noah', 'ines', 'kwame', 'olga', 'li', 'sofia', 'omar', 'emma', 'raj', 'chloe', 'diego']
const LAST = ['garcia', 'smith', 'tanaka', 'nielsen', 'haddad', 'brown', 'duarte', 'mensah', 'ivanova', 'wei', 'rossi', 'khan', 'muller', 'patel', 'martin', 'lopez']
const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'libero.it', 'web.de']
const TITLES = ['Monthly usage', 'Churn analysis', 'Invoice summary', 'Funnel', 'Team activity']

interface Person {
  email: string
  name: string
  username: string
  created: number
  seeded: boolean
}

export interface Guide {
  tables: TableSpec[]
  /** the ids the seed run wrote, per table */
  seeded: Record<'Admin' | 'User' | 'Session' | 'Payment' | 'Report', number[]>
}

export function guide(): Guide {
  const r = rng(17)
  const organic: Person[] = Array.from({ length: 300 }, (_, i) => {
    const [f, l] = [FIRST[Math.floor(r() * FIRST.length)]!, LAST[Math.floor(r() * LAST.length)]!]
    return { email: `${f}.${l}${i}@${DOMAINS[i % DOMAINS.length]}`, name: `${f} ${l}`, username: `${f}_${l}${i}`, created: END - 60 * DAY + Math.floor(r() * 60 * DAY), seeded: false }
  })
  const seed: Person[] = Array.from({ length: SEEDED_USERS }, (_, i) => ({ email: `user${i + 1}@test.com`, name: `Test User ${i + 1}`, username: `user${i + 1}`, created: SEED_AT + Math.round((i * 200) / SEEDED_USERS), seeded: true }))
  const people = [...organic, ...seed].sort((a, b) => a.created - b.created)
  const users = people.map((p, i) => [i + 1, p.email, p.name, p.username, p.created, p.seeded ? SEED_AT + 250 : p.created])

  // children: the seed's a few ms after its users, the app's later, at the users' own pace
  type Child = { user: number; at: number; seeded: boolean }
  const children = (share: number, seededShare: number): Child[] => {
    const out: Child[] = []
    people.forEach((p, i) => {
      if (p.seeded) {
        if (r() < seededShare) out.push({ user: i + 1, at: p.created + 1 + Math.floor(r() * 5), seeded: true })
      } else if (r() < share) {
        const at = p.created + 60_000 + Math.floor(r() * 10 * DAY)
        if (at < END) out.push({ user: i + 1, at, seeded: false })
      }
    })
    return out.sort((a, b) => a.at - b.at)
  }
  const sessions = children(0.8, 1)
  const payments = children(0.3, 0.5)
  const reports = children(0.2, 0.4)
  const ids = (rows: Child[]) => rows.flatMap((c, i) => (c.seeded ? [i + 1] : []))
  const restrict = [{ column: 'userId', references: 'User', onDelete: 'restrict' as const }]
  return {
    tables: [
      {
        name: 'Admin',
        columns: [['id', 'serial'], ['email', 'text'], ['name', 'text'], ['createdAt', 'time']],
        primaryKey: ['id'],
        rows: [[1, 'founder@lumenfield.io', 'Ines Duarte', END - 180 * DAY], [2, 'admin@test.com', 'Admin', SEED_AT - 60]],
      },
      { name: 'User', columns: [['id', 'serial'], ['email', 'text'], ['name', 'text'], ['username', 'text'], ['createdAt', 'time'], ['updatedAt', 'time']], primaryKey: ['id'], rows: users },
      { name: 'Session', columns: [['id', 'serial'], ['userId', 'int'], ['createdAt', 'time'], ['expiresAt', 'time']], primaryKey: ['id'], foreignKeys: restrict, rows: sessions.map((c, i) => [i + 1, c.user, c.at, c.at + 30 * DAY]) },
      { name: 'Payment', columns: [['id', 'serial'], ['userId', 'int'], ['amount', 'int'], ['currency', 'text'], ['status', 'text'], ['createdAt', 'time']], primaryKey: ['id'], foreignKeys: restrict, rows: payments.map((c, i) => [i + 1, c.user, 900 + ((i * 37) % 5000), 'USD', i % 9 === 0 ? 'refunded' : 'paid', c.at]) },
      { name: 'Report', columns: [['id', 'serial'], ['userId', 'int'], ['title', 'text'], ['createdAt', 'time']], primaryKey: ['id'], foreignKeys: restrict, rows: reports.map((c, i) => [i + 1, c.user, `${TITLES[i % TITLES.length]} ${2026 - (i % 2)}`, c.at]) },
    ],
    seeded: { Admin: [2], User: people.flatMap((p, i) => (p.seeded ? [i + 1] : [])), Session: ids(sessions), Payment: ids(payments), Report: ids(reports) },
  }
}
