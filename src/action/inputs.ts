import * as core from '@actions/core'
import { isFailOn, type FailOn } from '../model/fail-on.js'

/** action.yml's inputs, read and checked once; every later step trusts them. */
export interface ActionInputs {
  path: string
  config: string | undefined
  failOn: FailOn
  annotations: boolean
  summary: boolean
  sarifFile: string | undefined
  comment: boolean
  checkRun: boolean
  token: string
}

/** A bad input: reported as is, since the message already says which input and what is allowed. */
export class InputError extends Error {}

export function readInputs(): ActionInputs {
  const token = core.getInput('github-token')
  // first, before anything could print it
  if (token) core.setSecret(token)
  const failOn = core.getInput('fail-on') || 'error'
  if (!isFailOn(failOn)) throw new InputError(`input fail-on must be error, warning or never (got \`${failOn}\`)`)
  return {
    path: core.getInput('path') || '.',
    config: core.getInput('config') || undefined,
    failOn,
    annotations: booleanInput('annotations', true),
    summary: booleanInput('summary', true),
    sarifFile: core.getInput('sarif-file') || undefined,
    comment: booleanInput('comment', false),
    checkRun: booleanInput('check-run', false),
    token,
  }
}

// core.getBooleanInput throws on an empty value, which a runner never sends (action.yml has
// defaults) but a step run by hand or an older runner may; the YAML 1.2 core schema words as it has
const TRUE = ['true', 'True', 'TRUE']
const FALSE = ['false', 'False', 'FALSE']

function booleanInput(name: string, fallback: boolean): boolean {
  const value = core.getInput(name)
  if (value === '') return fallback
  if (TRUE.includes(value)) return true
  if (FALSE.includes(value)) return false
  throw new InputError(`input ${name} must be true or false (got \`${value}\`)`)
}
