import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import render from '../../src/deploys/render.js'

const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })

describe('render', () => {
  it.each([
    ['curl https://api.render.com/deploy/srv-abc123dev?key=xyz', 'production'],
    ['curl -X POST "https://api.render.com/deploy/srv-abc123?key=$KEY"', 'production'],
    ['wget -qO- https://api.render.com/deploy/srv-abc123?key=xyz', 'production'],
    ['curl -X POST -H "Authorization: Bearer $RENDER_API_KEY" https://api.render.com/v1/services/srv-abc/deploys', 'production'],
    ['curl --request POST https://api.render.com/v1/services/$SERVICE_ID/deploys', 'production'],
    ['curl -fsS "$RENDER_DEPLOY_HOOK_URL"', 'production'],
    ['curl ${{ secrets.RENDER_DEPLOY_HOOK }}', 'production'],
    ['render deploys create srv-abc --wait --confirm -o json', 'production'],
    ['curl "${{ secrets.RENDER_STAGING_DEPLOY_HOOK }}"', 'not-production'],
    ['curl -X POST $RENDER_DEPLOY_HOOK', 'production'],
    ['curl https://api.render.com/v1/services/srv-abc/deploys', undefined],
    ['curl -H "Authorization: Bearer $RENDER_API_KEY" https://api.render.com/v1/services', undefined],
    ['curl https://example.com/health', undefined],
    ['render services list', undefined],
    ['render deploys list srv-abc', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(render.match(cmd(line))?.target).toBe(target)
  })

  it.each([
    ['johnbeynon/render-deploy-action@v0.0.8', { 'service-id': 'srv-abc', key: '${{ secrets.KEY }}' }, 'production'],
    ['johnbeynon/render-deploy-action@v0.0.8', { 'service-id': '${{ secrets.RENDER_STAGING_SERVICE_ID }}' }, 'not-production'],
    ['johnbeynon/render-deploy-action@v0.0.8', { 'service-id': '<secret RENDER_STAGING_SERVICE_ID>' }, 'not-production'],
    ['johnbeynon/render-deploy-action@v0.0.8', { 'service-id': 'srv-devtest123' }, 'production'],
    ['JorgeLNJunior/render-deploy@v1.4.5', { service_id: 'srv-abc', api_key: 'k' }, 'production'],
    ['render-examples/other-action@v1', {}, undefined],
  ] as const)('%s %j → %s', (uses, inputs, target) => {
    expect(render.matchAction?.(uses, inputs)?.target).toBe(target)
  })
})
