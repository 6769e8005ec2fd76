import { describe, expect, it } from 'vitest'
import projectProgram from '../../src/seeds/project-program.js'
import { confidenceOf, seedOf } from './table.js'

describe("the project's own program", () => {
  it.each([
    ['./admin migrate-seed', 'low'],
    ['/app/server -seed', 'low'],
    ['bin/api seed --count 50', 'low'],
    ['./api --seed-data', 'low'],
    ['java -Xmx512m -jar target/app.jar --seed', 'low'],
    ['go run ./cmd/admin seed', 'low'],
    // a build flag's value is no package
    ['go run -tags netgo ./cmd/admin seed', 'low'],
    ['cargo run --release --bin admin -- seed', 'low'],
    ['./admin migrate', 'none'],
    ['./server --port 8080', 'none'],
    ['./train --seed 42', 'none'],
    ['./train --seed=7', 'none'],
    ['./api --seed=false', 'none'],
    ['./api --skip-seed', 'none'],
    ['./api serve seed', 'none'],
    ['java -jar app.jar', 'none'],
    ['go run ./cmd/api', 'none'],
    ['cargo run -- serve', 'none'],
    ['server seed', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(projectProgram, line)).toBe(expected)
  })

  it('names the argument and the program', () => {
    expect(seedOf(projectProgram, './admin migrate-seed')?.note).toBe("`migrate-seed` is given to `./admin`, the project's own program, which may seed when given it")
  })
})
