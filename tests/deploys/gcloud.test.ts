import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import gcloud from '../../src/deploys/gcloud.js'

const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })

describe('gcloud', () => {
  it.each([
    ['gcloud run deploy shop --image gcr.io/p/shop --region us-central1', 'production'],
    ['gcloud run deploy --image=gcr.io/p/shop --quiet shop', 'production'],
    ['gcloud beta run deploy shop --source .', 'production'],
    ['gcloud app deploy app.yaml --quiet', 'production'],
    ['gcloud app deploy --project shop-prod', 'production'],
    ['gcloud functions deploy handler --runtime nodejs20 --trigger-http', 'production'],
    ['gcloud run deploy shop-staging --image gcr.io/p/shop', 'not-production'],
    ['gcloud run deploy shop --project shop-dev', 'not-production'],
    ['gcloud run deploy shop --no-traffic --tag pr-12', 'not-production'],
    ['gcloud app deploy app.staging.yaml', 'not-production'],
    ['gcloud app deploy --no-promote --version v2', 'not-production'],
    ['gcloud app deploy --version=staging', 'not-production'],
    ['gcloud builds submit --tag gcr.io/p/shop', undefined],
    ['gcloud run services list', undefined],
    ['gcloud auth configure-docker', undefined],
    ['gcloud deploy releases create r1 --delivery-pipeline p', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(gcloud.match(cmd(line))?.target).toBe(target)
  })

  it.each([
    ['google-github-actions/deploy-cloudrun@v2', { service: 'shop', image: 'gcr.io/p/shop' }, 'production'],
    ['google-github-actions/deploy-cloudrun@v2', { service: 'shop-staging' }, 'not-production'],
    ['google-github-actions/deploy-cloudrun@v2', { service: 'shop', no_traffic: 'true' }, 'not-production'],
    ['google-github-actions/deploy-appengine@v2', { project_id: 'shop' }, 'production'],
    ['google-github-actions/deploy-appengine@v2', { project_id: 'shop', promote: 'false' }, 'not-production'],
    ['google-github-actions/deploy-appengine@v2', { project_id: 'shop-dev' }, 'not-production'],
    ['google-github-actions/auth@v2', {}, undefined],
  ] as const)('%s %j → %s', (uses, inputs, target) => {
    expect(gcloud.matchAction?.(uses, inputs)?.target).toBe(target)
  })
})
