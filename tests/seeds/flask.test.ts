import { describe, expect, it } from 'vitest'
import flask from '../../src/seeds/flask.js'
import { confidenceOf, migratesOf } from './table.js'

describe('flask', () => {
  it.each([
    ['flask seed-db', 'medium'],
    ['flask seed_db', 'medium'],
    ['flask seed', 'medium'],
    ['flask db-seed', 'medium'],
    ['flask load-fixtures', 'medium'],
    ['flask --app "app:create_app()" seed-db', 'medium'],
    ['flask -A app --env-file .env.prod seed-users', 'medium'],
    ['python -m flask seed-db', 'medium'],
    ['python3 -m flask --debug seed', 'medium'],
    ['flask seed run', 'medium'],
    ['flask data seed', 'medium'],
    ['flask db upgrade', 'none'],
    ['flask db migrate', 'none'],
    ['flask run --host 0.0.0.0', 'none'],
    ['flask --app seed run', 'none'],
    ['flask init-db', 'none'],
    ['flask seedling', 'none'],
    ['flask shell', 'none'],
    ['python -m app.seed', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(flask, line)).toBe(expected)
  })

  it.each([
    ['flask db upgrade', true],
    ['flask --app app db upgrade head', true],
    ['python -m flask db upgrade', true],
    ['flask db migrate', false],
    ['flask seed-db', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(flask, line)).toBe(expected)
  })
})
