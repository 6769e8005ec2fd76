import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import heroku from '../../src/deploys/heroku.js'

const cmd = (line: string, env: Record<string, string> = {}) => ({ argv: splitArgs(line), env, cwd: '.' })

describe('heroku', () => {
  it.each([
    ['git push heroku main', 'production'],
    ['git push --force heroku HEAD:main', 'production'],
    ['git push -f heroku master', 'production'],
    ['git push https://git.heroku.com/shop.git HEAD:main', 'production'],
    ['git push https://heroku:$HEROKU_API_KEY@git.heroku.com/shop-prod.git HEAD:refs/heads/main', 'production'],
    ['heroku container:release web --app shop', 'production'],
    ['heroku container:release web -a shop', 'production'],
    ['heroku builds:create --app shop', 'production'],
    ['heroku pipelines:promote --app shop-staging', 'production'],
    ['git push heroku-staging main', 'not-production'],
    ['git push https://git.heroku.com/shop-staging.git HEAD:main', 'not-production'],
    ['heroku container:release web --app shop-review-12', 'not-production'],
    ['heroku container:release web --app shop-dev', 'not-production'],
    ['heroku pipelines:promote -a shop-dev --to shop-staging', 'not-production'],
    ['git push origin main', undefined],
    ['git push', undefined],
    ['git pull heroku main', undefined],
    ['heroku logs --tail --app shop', undefined],
    ['heroku container:push web --app shop', undefined],
    ['heroku run rails db:migrate --app shop', undefined],
    ['heroku config:set KEY=value', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(heroku.match(cmd(line))?.target).toBe(target)
  })

  it('reads HEROKU_APP from the environment', () => {
    expect(heroku.match(cmd('heroku container:release web', { HEROKU_APP: 'shop-staging' }))?.target).toBe('not-production')
  })

  it.each([
    ['akhileshns/heroku-deploy@v3.13.15', { heroku_app_name: 'shop' }, 'production'],
    ['AkhileshNS/heroku-deploy@v3.12.12', { heroku_app_name: 'shop-staging' }, 'not-production'],
    ['akhileshns/heroku-deploy@v3.13.15', { heroku_app_name: 'shop', justlogin: 'true' }, undefined],
    ['actions/setup-node@v4', {}, undefined],
  ] as const)('%s %j → %s', (uses, inputs, target) => {
    expect(heroku.matchAction?.(uses, inputs)?.target).toBe(target)
  })
})
