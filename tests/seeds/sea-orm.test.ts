import { describe, expect, it } from 'vitest'
import seaOrm from '../../src/seeds/sea-orm.js'
import { projectOf } from '../helpers/project.js'
import { migratesOf, wipeConfidenceOf } from './table.js'

const MIGRATOR = '[package]\nname = "db-migrator"\nversion = "0.1.0"\n\n[dependencies]\nsea-orm-migration = { version = "1", features = ["sqlx-postgres"] }\n'
const SERVER = '[package]\nname = "server"\nversion = "0.1.0"\n\n[dependencies]\nsea-orm = "1"\n'
const project = projectOf({ 'Cargo.toml': SERVER, 'crates/db-migrator/Cargo.toml': MIGRATOR })
// no Cargo.toml in the repository: the crate is known by the name `sea-orm-cli migrate init` gives it
const bare = projectOf()

describe('sea-orm wipes', () => {
  it.each([
    ['sea-orm-cli migrate fresh', bare, 'high'],
    ['sea-orm-cli migrate refresh -d ./db/migration', bare, 'high'],
    ['sea-orm-cli migrate reset -u "$DATABASE_URL"', bare, 'high'],
    ['cargo run -p migration -- fresh', bare, 'high'],
    ['cargo run --manifest-path migration/Cargo.toml -- refresh', bare, 'high'],
    ['cargo run -p db-migrator -- fresh', project, 'high'],
    ['cargo run --release --manifest-path crates/db-migrator/Cargo.toml -- reset', project, 'high'],
    ['./target/release/db-migrator fresh', project, 'high'],
    // the newest migration only
    ['sea-orm-cli migrate down', bare, 'low'],
    ['cargo run -p migration -- down -n 3', bare, 'low'],
    ['sea-orm-cli migrate up', bare, 'none'],
    ['sea-orm-cli migrate status', bare, 'none'],
    ['sea-orm-cli generate entity -o src/entities', bare, 'none'],
    // a crate of the repository that is no migrator, whatever its command line says
    ['cargo run -p server -- fresh', project, 'none'],
    ['cargo run -- fresh', project, 'none'],
    ['./target/release/server reset', project, 'none'],
    ['cargo run -p tools -- fresh', bare, 'none'],
  ])('%s → %s', (line, within, expected) => {
    expect(wipeConfidenceOf(seaOrm, line, within)).toBe(expected)
  })

  it('runs the migrator of the directory it is in', () => {
    expect(wipeConfidenceOf(seaOrm, 'cargo run -- fresh', project, 'crates/db-migrator')).toBe('high')
  })

  it.each([
    ['sea-orm-cli migrate up', bare, true],
    ['sea-orm-cli migrate', bare, true],
    ['cargo run -p migration', bare, true],
    ['cargo run -p db-migrator -- up', project, true],
    ['cargo run -p server', project, false],
    ['sea-orm-cli migrate status', bare, false],
  ])('migrates: %s → %s', (line, within, expected) => {
    expect(migratesOf(seaOrm, line, within)).toBe(expected)
  })
})
