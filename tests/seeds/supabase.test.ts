import { describe, expect, it } from 'vitest'
import supabase from '../../src/seeds/supabase.js'
import { confidenceOf, migratesOf, wipeConfidenceOf } from './table.js'

describe('supabase', () => {
  it.each([
    ['supabase db reset --linked --yes', 'high'],
    ['supabase db reset --db-url postgres://user:pw@db.example.com:5432/postgres --yes', 'high'],
    ['supabase db reset --db-url=postgres://db.example.com/postgres --yes', 'high'],
    ['supabase --workdir infra db reset --linked --yes', 'high'],
    ['supabase db push --include-seed', 'high'],
    ['supabase db push --db-url postgres://db.example.com/postgres --include-seed', 'high'],
    // without --linked/--db-url the reset is of the local development database
    ['supabase db reset', 'none'],
    ['supabase db reset --linked --no-seed --yes', 'none'],
    // the prompt defaults to No: without --yes a job that answers nothing is cancelled
    ['supabase db reset --linked', 'low'],
    ['supabase db push', 'none'],
    ['supabase db push --include-seed --dry-run', 'none'],
    ['supabase db push --local --include-seed', 'none'],
    ['supabase start', 'none'],
    ['supabase migration up --linked', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(supabase, line)).toBe(expected)
  })

  it.each([
    ['supabase db push', true],
    ['supabase db push --db-url postgres://db.example.com/postgres', true],
    ['supabase migration up --linked', true],
    ['supabase db push --dry-run', false],
    ['supabase db push --local', false],
    ['supabase migration up', false],
    ['supabase db reset --linked', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(supabase, line)).toBe(expected)
  })
})

describe('supabase wipes', () => {
  it.each([
    ['supabase db reset --linked --yes', 'high'],
    ['supabase db reset --linked --no-seed --yes', 'high'],
    ['supabase db reset --db-url postgresql://postgres@db.example.com/postgres --yes', 'high'],
    // the prompt defaults to No: cancelled where nothing answers it
    ['supabase db reset --linked', 'low'],
    // the local development database
    ['supabase db reset', 'none'],
    ['supabase db push', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(wipeConfidenceOf(supabase, line)).toBe(expected)
  })
})
