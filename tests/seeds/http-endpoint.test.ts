import { describe, expect, it } from 'vitest'
import httpEndpoint from '../../src/seeds/http-endpoint.js'
import { confidenceOf, seedOf } from './table.js'

describe('seed endpoints', () => {
  it.each([
    ['curl localhost:5000/api/v1/seed', 'medium'],
    ['curl -X POST -H "Authorization: Bearer x" https://api.example.com/admin/seed-data', 'medium'],
    ['curl -fsS --url http://127.0.0.1:8080/seed/', 'medium'],
    ['wget -qO- http://app:3000/internal/run-seeds', 'medium'],
    ['http POST :5000/api/seed', 'medium'],
    ['curl ${API_URL}/seed', 'medium'],
    ['curl https://api.example.com/health', 'none'],
    ['curl -o seed.sql https://files.example.com/dumps/seed.sql', 'none'],
    ['curl -O https://app.example.com/admin/seed', 'medium'],
    ['wget -O seed https://files.example.com/data', 'none'],
    ['curl https://example.com/seed.json', 'none'],
    ['curl https://api.example.com/seed/123/status', 'none'],
    ['curl -d seed https://api.example.com/jobs', 'none'],
    ['curl -H "X-Seed: 1" https://api.example.com/', 'none'],
    ['git fetch https://example.com/seed', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(httpEndpoint, line)).toBe(expected)
  })

  it('names the path', () => {
    expect(seedOf(httpEndpoint, 'curl localhost:5000/api/v1/seed')?.note).toMatch(/^requests `\/api\/v1\/seed`/)
  })
})
