import { describe, expect, it } from 'vitest'
import sqlClients from '../../src/seeds/sql-clients.js'
import { projectOf } from '../helpers/project.js'
import { leafOf, wipeConfidenceOf, wipeOf } from './table.js'

const project = projectOf({
  'db/reset.sql': 'DROP TABLE IF EXISTS orders;\nCREATE TABLE orders (id serial primary key);\n',
  'db/views.sql': 'CREATE OR REPLACE VIEW open_orders AS SELECT * FROM orders WHERE closed_at IS NULL;\n',
})

describe('sql client wipes', () => {
  it.each([
    ['dropdb shop', 'high'],
    ['dropdb --if-exists -h db.example.com shop', 'high'],
    ['psql "$DATABASE_URL" -c "DROP SCHEMA public CASCADE; CREATE SCHEMA public;"', 'high'],
    ['psql -c "select 1" --command="truncate table sessions"', 'high'],
    ['mysql -u root -e "DROP DATABASE shop"', 'high'],
    ['mariadb --execute="TRUNCATE carts"', 'high'],
    ['psql "$DATABASE_URL" -f db/reset.sql', 'high'],
    ['psql "$DATABASE_URL" -c "SELECT count(*) FROM orders"', 'none'],
    ['psql "$DATABASE_URL" -c "ALTER TABLE orders DROP COLUMN legacy"', 'none'],
    ['psql "$DATABASE_URL" --file=db/views.sql', 'none'],
    // a file not in the repository holds nothing that can be read
    ['psql "$DATABASE_URL" -f build/generated.sql', 'none'],
    ['createdb shop', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(sqlClients, line, project)).toBe(expected)
  })

  it('reads the here-document a client is given and names the statement', () => {
    const leaf = { ...leafOf('psql "$DATABASE_URL"'), stdin: 'BEGIN;\ntruncate  table sessions;\nCOMMIT;\n' }
    expect(sqlClients.wipes?.(leaf, project)?.note).toBe('the SQL it reads runs TRUNCATE')
    expect(wipeOf(sqlClients, 'psql -f db/reset.sql', project)?.note).toBe('db/reset.sql runs DROP TABLE')
  })
})

describe('the server a client names on its own command line', () => {
  it.each([
    ['dropdb -h localhost -U app shop', { PGHOST: 'localhost' }],
    ['psql --host=db.internal -c "TRUNCATE carts"', { PGHOST: 'db.internal' }],
    ['psql postgresql://app:secret@127.0.0.1:5432/shop -c "TRUNCATE carts"', { PGHOST: '127.0.0.1' }],
    ['psql --dbname=postgres://app@[::1]/shop -f db/reset.sql', { PGHOST: '::1' }],
    ['mysql -hlocalhost -u root -e "DROP DATABASE shop"', { MYSQL_HOST: 'localhost' }],
    ['mariadb --host 10.0.0.5 -e "TRUNCATE carts"', { MYSQL_HOST: '10.0.0.5' }],
    // only known at run time: the environment's own PGHOST decides
    ['dropdb -h "$PGHOST" shop', {}],
    ['psql "$DATABASE_URL" -c "TRUNCATE carts"', {}],
  ])('%s → %j', (line, expected) => {
    expect(sqlClients.connection!(leafOf(line))).toEqual(expected)
  })
})
