import { describe, expect, it } from 'vitest'
import hasura from '../../src/seeds/hasura.js'
import { confidenceOf, migratesOf } from './table.js'

describe('hasura', () => {
  it.each([
    ['hasura seed apply', 'high'],
    ['hasura seed apply --database-name default', 'high'],
    ['hasura seed apply --all-databases', 'high'],
    ['hasura seed apply -f 1234_users.sql --endpoint https://hasura.example.com', 'high'],
    ['hasura --endpoint https://hasura.example.com seed apply', 'high'],
    ['hasura seed create users --from-table users', 'none'],
    ['hasura migrate apply', 'none'],
    ['hasura metadata apply', 'none'],
    ['hasura console', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(hasura, line)).toBe(expected)
  })

  it.each([
    ['hasura migrate apply', true],
    ['hasura migrate apply --database-name default --endpoint https://hasura.example.com', true],
    ['hasura metadata apply', false],
    ['hasura seed apply', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(hasura, line)).toBe(expected)
  })
})
