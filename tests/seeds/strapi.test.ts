import { describe, expect, it } from 'vitest'
import strapi from '../../src/seeds/strapi.js'
import { confidenceOf } from './table.js'

describe('strapi', () => {
  it.each([
    ['strapi import -f ./data/demo-content.tar.gz --force', 'high'],
    ['strapi import --file export.tar.gz.enc --key secret --force', 'high'],
    ['strapi import -f export.tar.gz --exclude files --force', 'high'],
    ['strapi export --no-encrypt -f backup', 'none'],
    ['strapi transfer --to https://cms.example.com/admin --force', 'none'],
    ['strapi transfer --from https://cms.example.com/admin', 'none'],
    ['strapi build', 'none'],
    ['strapi start', 'none'],
    ['strapi -f import.tar.gz export', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(strapi, line)).toBe(expected)
  })
})
