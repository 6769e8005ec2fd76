import { describe, expect, it } from 'vitest'
import { isBenignAction } from '../../src/analysis/benign-actions.js'

describe('remote actions that never run project scripts', () => {
  it.each([
    ['actions/checkout@v4', true],
    ['digitalocean/action-doctl@v2', true],
    // GitHub compares owner names without regard to case
    ['rtCamp/action-slack-notify@v2', true],
    ['RafikFarhad/push-to-gcr-github-action@v5', false],
    ['some-org/run-anything@v1', false],
  ])('%s → %s', (uses, benign) => {
    expect(isBenignAction(uses)).toBe(benign)
  })
})
