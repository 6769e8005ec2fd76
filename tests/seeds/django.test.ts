import { describe, expect, it } from 'vitest'
import django from '../../src/seeds/django.js'
import { confidenceOf, migratesOf, wipeConfidenceOf } from './table.js'

describe('django', () => {
  it.each([
    ['python manage.py loaddata fixtures/users.json', 'high'],
    ['python3 manage.py loaddata initial_data', 'high'],
    ['python -u manage.py loaddata users', 'high'],
    ['./manage.py loaddata users', 'high'],
    ['python backend/manage.py loaddata users', 'high'],
    ['django-admin loaddata users --settings=app.settings', 'high'],
    ['python manage.py -v 2 loaddata users', 'high'],
    ['python manage.py seed_users', 'medium'],
    ['python manage.py seed', 'medium'],
    ['python manage.py load_fixtures', 'medium'],
    ['python manage.py db_seed', 'medium'],
    // named for Django's "initial data": a verb that loads or creates, and data, defaults or fixtures
    ['python manage.py load_data', 'medium'],
    ['python manage.py import_initial_data', 'medium'],
    ['python manage.py create_default_categories', 'medium'],
    ['python manage.py load_demo_data', 'medium'],
    ['python manage.py populate_catalogue', 'medium'],
    ['python manage.py load_translations', 'none'],
    ['python manage.py import_shapes', 'none'],
    ['python manage.py init_db', 'none'],
    ['python manage.py create_superuser', 'none'],
    ['python manage.py metadata_export', 'none'],
    ['python manage.py loaddata - --format=json', 'high'],
    // a usage error: loaddata needs at least one fixture label and loads nothing without one
    ['python manage.py loaddata --settings=app.settings.production', 'none'],
    ['python manage.py loaddata', 'none'],
    ['python manage.py migrate', 'none'],
    ['python manage.py runserver', 'none'],
    ['python manage.py flush --noinput', 'none'],
    ['python manage.py dumpdata', 'none'],
    ['python manage.py seedling', 'none'],
    ['python manage.py collectstatic --noinput', 'none'],
    ['python seed.py', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(django, line)).toBe(expected)
  })

  it.each([
    ['python manage.py migrate', true],
    ['python3 manage.py migrate --noinput', true],
    ['django-admin migrate', true],
    ['python manage.py makemigrations', false],
    ['python manage.py loaddata users', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(django, line)).toBe(expected)
  })
})

describe('django wipes', () => {
  it.each([
    ['python manage.py flush --noinput', 'high'],
    ['./manage.py flush --no-input --database default', 'high'],
    ['python manage.py reset_db --noinput', 'high'],
    // it asks first: a run without a terminal stops at the prompt
    ['python manage.py flush', 'none'],
    ['python manage.py migrate --noinput', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(django, line)).toBe(expected)
  })
})
