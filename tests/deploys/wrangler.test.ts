import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import wrangler from '../../src/deploys/wrangler.js'

const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })

describe('wrangler', () => {
  it.each([
    ['wrangler deploy', 'production'],
    ['wrangler publish', 'production'],
    ['wrangler deploy --env production', 'production'],
    ['wrangler deploy -e prod --minify', 'production'],
    ['wrangler versions deploy', 'production'],
    ['wrangler pages deploy dist', 'production'],
    ['wrangler pages deploy dist --project-name shop --branch main', 'production'],
    ['wrangler pages publish dist --branch=master', 'production'],
    ['wrangler deploy --env staging', 'not-production'],
    ['wrangler deploy --env=dev', 'not-production'],
    ['wrangler pages deploy dist --branch feature-x', 'not-production'],
    ['wrangler pages deploy dist --branch=$BRANCH', 'unknown'],
    ['wrangler pages deploy dist --branch ${{ github.head_ref }}', 'unknown'],
    ['wrangler versions upload', 'not-production'],
    ['wrangler deploy --env eu', 'unknown'],
    ['wrangler dev', undefined],
    ['wrangler tail', undefined],
    ['wrangler d1 execute db --file seed.sql', undefined],
    ['wrangler pages project list', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(wrangler.match(cmd(line))?.target).toBe(target)
  })

  it.each([
    ['cloudflare/wrangler-action@v3', { apiToken: 't' }, 'production'],
    ['cloudflare/wrangler-action@v3', { command: 'deploy --env staging' }, 'not-production'],
    ['cloudflare/wrangler-action@v3', { environment: 'staging' }, 'not-production'],
    ['cloudflare/wrangler-action@v3', { command: 'pages deploy dist --project-name shop --branch main' }, 'production'],
    ['cloudflare/wrangler-action@v3', { command: 'd1 migrations apply db --remote\ndeploy' }, 'production'],
    ['cloudflare/wrangler-action@v3', { command: 'd1 migrations apply db --remote' }, undefined],
    ['cloudflare/pages-action@v1', { projectName: 'shop', branch: 'main' }, 'production'],
    ['cloudflare/pages-action@v1', { projectName: 'shop', branch: 'feature-x' }, 'not-production'],
  ] as const)('%s %j → %s', (uses, inputs, target) => {
    expect(wrangler.matchAction?.(uses, inputs)?.target).toBe(target)
  })
})
