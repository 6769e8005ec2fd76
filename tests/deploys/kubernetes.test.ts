import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import kubernetes, { manifestsOf } from '../../src/deploys/kubernetes.js'

const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })

describe('kubernetes', () => {
  it.each([
    ['kubectl apply -f k8s/', 'production'],
    ['kubectl apply -k overlays/production', 'production'],
    ['kubectl -n shop apply -f deployment.yaml', 'production'],
    ['kubectl rollout restart deployment/api -n prod', 'production'],
    ['kubectl set image deployment/api api=ghcr.io/o/api:sha', 'production'],
    ['kubectl replace --force -f job.yaml', 'production'],
    ['kubectl create -f job.yaml', 'production'],
    ['kubectl apply --dry-run=none -f k8s/', 'production'],
    ['helm upgrade --install api ./chart --namespace prod', 'production'],
    ['helm install api ./chart', 'production'],
    ['helm upgrade api ./chart -f values.yaml --kube-context prod-cluster', 'production'],
    ['kubectl apply -f k8s/ -n staging', 'not-production'],
    ['kubectl apply -k overlays/staging', 'not-production'],
    ['kubectl --context dev-cluster apply -f k8s/', 'not-production'],
    ['kubectl rollout restart deployment/api-staging', 'not-production'],
    ['kubectl set image deployment/api api=img --namespace=review-12', 'not-production'],
    ['helm upgrade --install api-staging ./chart', 'not-production'],
    ['helm upgrade --install api ./chart -f values.yaml -f values-staging.yaml', 'not-production'],
    ['helm upgrade --install api ./chart --kube-context prod -n dev', 'not-production'],
    ['kubectl get pods', undefined],
    ['kubectl logs deployment/api', undefined],
    ['kubectl config use-context prod', undefined],
    ['kubectl rollout status deployment/api', undefined],
    ['kubectl apply --dry-run=client -f k8s/', undefined],
    ['kubectl diff -f k8s/', undefined],
    ['helm upgrade --install api ./chart --dry-run', undefined],
    ['helm template api ./chart', undefined],
    ['helm repo add bitnami https://charts.bitnami.com/bitnami', undefined],
    ['kustomize build overlays/production', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(kubernetes.match(cmd(line))?.target).toBe(target)
  })

  it.each([
    ['Azure/k8s-deploy@v5', { namespace: 'prod', manifests: 'k8s/' }, 'production'],
    ['azure/k8s-deploy@v4', { namespace: 'staging' }, 'not-production'],
    ['deliverybot/helm@v1', { release: 'api', namespace: 'default', chart: 'chart' }, 'production'],
    ['deliverybot/helm@v1', { release: 'api-staging', chart: 'chart' }, 'not-production'],
    ['deliverybot/helm@v1', { release: 'api', task: 'remove' }, undefined],
    ['azure/setup-kubectl@v4', {}, undefined],
  ] as const)('%s %j → %s', (uses, inputs, target) => {
    expect(kubernetes.matchAction?.(uses, inputs)?.target).toBe(target)
  })

  it.each([
    ['helm upgrade --install api ./chart -n prod -f values.yaml -f values-prod.yaml', [{ kind: 'helm', path: './chart', recursive: false, values: ['values.yaml', 'values-prod.yaml'] }]],
    ['helm install ./chart --generate-name', [{ kind: 'helm', path: './chart', recursive: false, values: [] }]],
    ['kubectl apply -R -f k8s/,jobs/seed.yaml', [{ kind: 'kubectl', path: 'k8s/', recursive: true, values: [] }, { kind: 'kubectl', path: 'jobs/seed.yaml', recursive: true, values: [] }]],
    ['kubectl apply -k overlays/production', [{ kind: 'kustomize', path: 'overlays/production', recursive: false, values: [] }]],
    ['helm upgrade --install api ./chart --dry-run', []],
    ['helm upgrade api', []],
    ['kubectl delete -f k8s/', []],
  ] as const)('%s applies %j', (line, applies) => {
    expect(manifestsOf(splitArgs(line))).toEqual(applies)
  })
})
