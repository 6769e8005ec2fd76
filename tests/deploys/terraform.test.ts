import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import terraform, { configurationsOf } from '../../src/deploys/terraform.js'

const cmd = (line: string, env: Record<string, string> = {}) => ({ argv: splitArgs(line), env, cwd: '.' })

describe('terraform', () => {
  it.each([
    ['terraform apply -auto-approve', 'production'],
    ['terraform apply tfplan', 'production'],
    ['tofu apply -auto-approve', 'production'],
    ['terraform -chdir=infra/production apply -auto-approve', 'production'],
    ['terraform -chdir=envs/staging apply -auto-approve', 'not-production'],
    ['terraform apply -var-file=staging.tfvars', 'not-production'],
    ['terraform apply -destroy -auto-approve', undefined],
    ['terraform apply -refresh-only PLAN', undefined],
    ['terraform plan -out=tfplan', undefined],
    ['terraform init', undefined],
    ['terraform destroy -auto-approve', undefined],
  ])('%s → %s', (line, expected) => {
    expect(terraform.match(cmd(line))?.target).toBe(expected)
  })

  it('takes the workspace from TF_WORKSPACE', () => {
    expect(terraform.match(cmd('terraform apply -auto-approve', { TF_WORKSPACE: 'staging' }))?.target).toBe('not-production')
  })

  it.each([
    ['terraform apply -auto-approve', [{ kind: 'terraform', path: '.', recursive: false, values: [] }]],
    ['terraform -chdir=infra apply', [{ kind: 'terraform', path: 'infra', recursive: false, values: [] }]],
    ['terraform apply -destroy', []],
    ['terraform plan', []],
  ])('configurations of %s', (line, expected) => {
    expect(configurationsOf(splitArgs(line))).toEqual(expected)
  })
})
