import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import netlify from '../../src/deploys/netlify.js'

const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })

describe('netlify', () => {
  it.each([
    ['netlify deploy --prod', 'production'],
    ['netlify deploy --dir=dist --prod', 'production'],
    ['netlify deploy -p --dir dist', 'production'],
    ['netlify deploy --prodIfUnlocked', 'production'],
    ['netlify deploy --prod-if-unlocked --message "ship it"', 'production'],
    ['ntl deploy --prod', 'production'],
    ['netlify deploy', 'not-production'],
    ['netlify deploy --dir dist --alias pr-12', 'not-production'],
    ['netlify deploy --prod --draft', 'not-production'],
    ['netlify deploy --trigger', 'unknown'],
    ['netlify build', undefined],
    ['netlify status', undefined],
    ['netlify dev', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(netlify.match(cmd(line))?.target).toBe(target)
  })

  it.each([
    ['nwtgck/actions-netlify@v3', { 'publish-dir': 'dist', 'production-deploy': 'true' }, 'production'],
    ['nwtgck/actions-netlify@v3', { 'publish-dir': 'dist' }, 'not-production'],
    ['nwtgck/actions-netlify@v3', { 'production-deploy': "${{ github.ref == 'refs/heads/main' }}" }, 'unknown'],
    ['netlify/actions/cli@master', { args: 'deploy --dir=dist --prod' }, 'production'],
    ['netlify/actions/cli@master', { args: 'deploy --dir=dist' }, 'not-production'],
    ['netlify/actions/cli@master', { args: 'status' }, undefined],
    ['netlify/actions/build@master', {}, undefined],
  ] as const)('%s %j → %s', (uses, inputs, target) => {
    expect(netlify.matchAction?.(uses, inputs)?.target).toBe(target)
  })
})
