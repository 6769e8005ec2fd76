// One fixture database, written as SQL for each dialect: a clean app and a seeded one side by side,
// so every check has a positive and a negative table in the same run.
//   app_users / app_sessions        organic sign-ups over 60 days (Poisson), real-looking people,
//                                   lookalikes (contest.winner@, testa.maria@), one role = 'admin'
//   seed_users / seed_sessions      the same organic traffic plus 40 users user1..user40@example.com
//                                   inserted within 300 ms, their sessions, one shared updatedAt
//   backdated_users                 organic, then 20 rows back-dated into the past (faker.date.past)
//   Admin                           one admin account
//   order, user accounts            names that need quoting; `user accounts` holds a createMany batch
export type Dialect = 'sqlite' | 'postgres' | 'mysql'

const DAY = 86_400_000
export const END = Date.UTC(2026, 10, 20)

/** a seeded generator of uniform numbers in [0, 1) (mulberry32): fixtures are the same on every run */
export function rng(seed: number) {
  let a = seed
  return () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const FIRST = ['maria', 'james', 'aiko', 'lars', 'fatima', 'noah', 'ines', 'kwame', 'olga', 'li', 'sofia', 'omar', 'emma', 'raj', 'chloe', 'diego']
const LAST = ['garcia', 'smith', 'tanaka', 'nielsen', 'haddad', 'brown', 'duarte', 'mensah', 'ivanova', 'wei', 'rossi', 'khan', 'muller', 'patel', 'martin', 'lopez']
const DOMAINS = ['gmail.com', 'outlook.com', 'yahoo.com', 'proton.me', 'libero.it', 'web.de']

interface User {
  email: string
  username: string
  name: string
  role: string
  created: number
  updated: number
}

function organic(seed: number, count: number): User[] {
  const r = rng(seed)
  const times = Array.from({ length: count }, () => END - 60 * DAY + Math.floor(r() * 60 * DAY)).sort((a, b) => a - b)
  return times.map((t, i) => {
    const f = FIRST[Math.floor(r() * FIRST.length)]!
    const l = LAST[Math.floor(r() * LAST.length)]!
    const special = i === 50 ? 'contest.winner' : i === 120 ? 'testa.maria' : i === 200 ? 'demo.gonzalez' : undefined
    return { email: `${special ?? `${f}.${l}${i}`}@${DOMAINS[i % DOMAINS.length]}`, username: `${f}_${l}${i}`, name: `${f} ${l}`, role: i === 7 ? 'admin' : 'member', created: t, updated: t }
  })
}

function seeded(at: number, count: number): User[] {
  return Array.from({ length: count }, (_, i) => {
    const t = at + Math.round((i * 300) / count)
    return { email: `user${i + 1}@example.com`, username: `user${i + 1}`, name: `Test User ${i + 1}`, role: 'member', created: t, updated: at + 400 }
  })
}

export interface FixtureTable {
  name: string
  columns: Array<[string, 'id' | 'text' | 'time' | 'int' | `fk:${string}`]>
  rows: unknown[][]
}

export function fixtureTables(): FixtureTable[] {
  const userColumns: FixtureTable['columns'] = [['id', 'id'], ['email', 'text'], ['username', 'text'], ['name', 'text'], ['role', 'text'], ['createdAt', 'time'], ['updatedAt', 'time']]
  const userRows = (users: User[]) => users.map((u, i) => [i + 1, u.email, u.username, u.name, u.role, u.created, u.updated])
  const sessions = (users: User[], seed: number) => {
    const r = rng(seed)
    const rows: unknown[][] = []
    users.forEach((u, i) => {
      if (u.email.endsWith('@example.com')) rows.push([i + 1, u.created + 1])
      else if (r() < 0.8) rows.push([i + 1, u.created + 150 + Math.floor(r() * 4000)])
    })
    rows.sort((a, b) => (a[1] as number) - (b[1] as number))
    return rows.map((row, i) => [i + 1, ...row])
  }
  const app = organic(1, 400)
  const seedRun = seeded(END - 12 * DAY + 3_600_000 * 14 + 7_118, 40)
  const seed = [...organic(1, 400), ...seedRun].sort((a, b) => a.created - b.created)
  const r = rng(9)
  const back = [...organic(2, 200), ...Array.from({ length: 20 }, (_, i) => ({ email: `kenna.kuhic${i}@yahoo.com`, username: `kenna${i}`, name: 'Kenna Kuhic', role: 'member', created: END - Math.floor(r() * 300 * DAY), updated: END - DAY + i }))]
  const batch = END - 3 * DAY + 123
  return [
    { name: 'app_users', columns: userColumns, rows: userRows(app) },
    { name: 'app_sessions', columns: [['id', 'id'], ['userId', 'fk:app_users'], ['createdAt', 'time']], rows: sessions(app, 3) },
    { name: 'seed_users', columns: userColumns, rows: userRows(seed) },
    { name: 'seed_sessions', columns: [['id', 'id'], ['userId', 'fk:seed_users'], ['createdAt', 'time']], rows: sessions(seed, 3) },
    { name: 'backdated_users', columns: userColumns, rows: userRows(back) },
    { name: 'Admin', columns: [['id', 'id'], ['email', 'text'], ['createdAt', 'time']], rows: [[1, 'founder@lumenfield.io', END - 70 * DAY]] },
    { name: 'order', columns: [['id', 'id'], ['total', 'int'], ['created_at', 'time']], rows: Array.from({ length: 30 }, (_, i) => [i + 1, 100 + i, END - (30 - i) * DAY]) },
    { name: 'user accounts', columns: [['id', 'id'], ['email', 'text'], ['created_at', 'time']], rows: [...Array.from({ length: 60 }, (_, i) => [i + 1, `person${i}.real@gmail.com`, END - 50 * DAY + i * 17 * 3_600_000]), ...Array.from({ length: 25 }, (_, i) => [61 + i, `q${i}.x@gmail.com`, batch])] },
  ]
}

function timeLiteral(dialect: Dialect, ms: number): string {
  const iso = new Date(ms).toISOString()
  return dialect === 'sqlite' ? `'${iso}'` : `'${iso.slice(0, 23).replace('T', ' ')}'`
}

/** The fixture as SQL statements for `dialect` (PostgreSQL's also serves PGlite). */
export function fixtureSql(dialect: Dialect, tables = fixtureTables()): string[] {
  const q = (s: string) => (dialect === 'mysql' ? `\`${s}\`` : `"${s}"`)
  const types = { id: { sqlite: 'INTEGER PRIMARY KEY AUTOINCREMENT', postgres: 'SERIAL PRIMARY KEY', mysql: 'INT AUTO_INCREMENT PRIMARY KEY' }, text: { sqlite: 'TEXT', postgres: 'TEXT', mysql: 'VARCHAR(191)' }, time: { sqlite: 'DATETIME', postgres: 'TIMESTAMP(3)', mysql: 'DATETIME(3)' }, int: { sqlite: 'INTEGER', postgres: 'INTEGER', mysql: 'INT' } }
  const out: string[] = []
  for (const t of tables) {
    const cols = t.columns.map(([name, type]) => (type.startsWith('fk:') ? `${q(name)} INTEGER NOT NULL REFERENCES ${q(type.slice(3))} (${q('id')})` : `${q(name)} ${types[type as keyof typeof types][dialect]}`))
    out.push(`CREATE TABLE ${q(t.name)} (${cols.join(', ')})`)
    out.push(...insertSql(dialect, t))
  }
  return out
}

/** INSERTs of the table's rows into a table already there (200 rows a statement) */
export function insertSql(dialect: Dialect, t: FixtureTable): string[] {
  const q = (s: string) => (dialect === 'mysql' ? `\`${s}\`` : `"${s}"`)
  const out: string[] = []
  for (let i = 0; i < t.rows.length; i += 200) {
    const values = t.rows.slice(i, i + 200).map((row) => `(${row.map((v, j) => (t.columns[j]![1] === 'time' ? timeLiteral(dialect, v as number) : typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`)).join(', ')})`)
    out.push(`INSERT INTO ${q(t.name)} (${t.columns.map(([n]) => q(n)).join(', ')}) VALUES ${values.join(', ')}`)
  }
  return out
}
