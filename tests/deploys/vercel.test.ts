import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import vercel from '../../src/deploys/vercel.js'

const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })

describe('vercel', () => {
  it.each([
    ['vercel deploy --prod', 'production'],
    ['vercel --prod', 'production'],
    ['vercel deploy --prebuilt --prod', 'production'],
    ['vercel --token $VERCEL_TOKEN --prod --yes', 'production'],
    ['vercel deploy --target=production', 'production'],
    ['vercel promote https://app-abc.vercel.app', 'production'],
    ['vercel build --prod', 'production'],
    ['vc deploy --prod', 'production'],
    ['./node_modules/.bin/vercel --prod', 'production'],
    ['vercel deploy', 'not-production'],
    ['vercel', 'not-production'],
    ['vercel ./dist', 'not-production'],
    ['vercel deploy --prebuilt', 'not-production'],
    ['vercel deploy --prod=false', 'not-production'],
    ['vercel deploy --target staging', 'not-production'],
    ['vercel build', 'not-production'],
    ['vercel pull --yes --environment=production', undefined],
    ['vercel env pull .env', undefined],
    ['vercel whoami', undefined],
    ['vercel link --yes', undefined],
    ['vercelx deploy --prod', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(vercel.match(cmd(line))?.target).toBe(target)
  })

  it.each([
    ['amondnet/vercel-action@v25', { 'vercel-args': '--prod' }, 'production'],
    ['Amondnet/Vercel-Action@v20', { 'vercel-args': '--prod --force' }, 'production'],
    ['amondnet/vercel-action@v25', {}, 'not-production'],
    ['amondnet/vercel-action@v25', { 'vercel-args': '--force' }, 'not-production'],
    ['amondnet/vercel-action@v25', { 'vercel-args': "${{ github.ref == 'refs/heads/main' && '--prod' || '' }}" }, 'unknown'],
    ['BetaHuhn/deploy-to-vercel-action@v1', {}, 'production'],
    ['BetaHuhn/deploy-to-vercel-action@v1', { PRODUCTION: 'false' }, 'not-production'],
    ['BetaHuhn/deploy-to-vercel-action@v1', { PRODUCTION: "${{ github.ref == 'refs/heads/main' }}" }, 'unknown'],
    ['actions/checkout@v4', {}, undefined],
  ] as const)('%s %j → %s', (uses, inputs, target) => {
    expect(vercel.matchAction?.(uses, inputs)?.target).toBe(target)
  })

  it('says why', () => {
    expect(vercel.match(cmd('vercel deploy --prebuilt --prod'))?.detail).toBe('`vercel deploy --prod`')
  })
})
