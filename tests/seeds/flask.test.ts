import { describe, expect, it } from 'vitest'
import flask from '../../src/seeds/flask.js'
import { projectOf } from '../helpers/project.js'
import { confidenceOf, migratesOf, seedOf } from './table.js'

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

  it.each([
    ['@app.cli.command("seed-db")\ndef seed_db():\n    pass\n', 'flask seed-db', 'app/__init__.py:1:1'],
    ['@bp.cli.command()\n@click.option("--n", default=3)\ndef seed_db(n):\n    pass\n', 'flask seed-db', 'app/__init__.py:1:1'],
    ['import click\n@data.command(name="seed")\ndef load():\n    pass\n', 'flask data seed', 'app/__init__.py:2:1'],
  ])('points the chain at the definition: %j for %s', (source, line, place) => {
    const match = seedOf(flask, line, projectOf({ 'app/__init__.py': source, '.venv/lib/x.py': source }))
    const hop = match?.within?.hops[0]
    expect(match?.within?.more).toBe(false)
    expect(`${hop?.span.file}:${hop?.span.start.line}:${hop?.span.start.column}`).toBe(place)
  })

  it('names the command alone where no definition is found', () => {
    const match = seedOf(flask, 'flask seed-db', projectOf({ 'app/__init__.py': '@app.cli.command("seed-users")\ndef seed_users():\n    pass\n' }))
    expect(match?.confidence).toBe('medium')
    expect(match?.within).toBeUndefined()
  })
})
