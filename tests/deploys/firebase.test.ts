import { describe, expect, it } from 'vitest'
import { splitArgs } from '../../src/deploys/argv.js'
import firebase from '../../src/deploys/firebase.js'

const cmd = (line: string) => ({ argv: splitArgs(line), env: {}, cwd: '.' })

describe('firebase', () => {
  it.each([
    ['firebase deploy', 'production'],
    ['firebase deploy --only hosting', 'production'],
    ['firebase deploy --project shop-prod --token $FIREBASE_TOKEN', 'production'],
    ['firebase deploy -P default --only functions', 'production'],
    ['firebase deploy --project shop-staging', 'not-production'],
    ['firebase deploy -P dev', 'not-production'],
    ['firebase deploy --only hosting:staging', 'not-production'],
    ['firebase hosting:channel:deploy pr-12', 'not-production'],
    ['firebase hosting:channel:deploy live-preview --expires 7d', 'not-production'],
    ['firebase emulators:start', undefined],
    ['firebase use staging', undefined],
    ['firebase functions:log', undefined],
  ] as const)('%s → %s', (line, target) => {
    expect(firebase.match(cmd(line))?.target).toBe(target)
  })

  it.each([
    ['FirebaseExtended/action-hosting-deploy@v0', { channelId: 'live', projectId: 'shop' }, 'production'],
    ['firebaseextended/action-hosting-deploy@v0', { channelId: 'live' }, 'production'],
    ['FirebaseExtended/action-hosting-deploy@v0', { channelId: 'live', projectId: 'shop-staging' }, 'not-production'],
    ['FirebaseExtended/action-hosting-deploy@v0', { projectId: 'shop' }, 'not-production'],
    ['FirebaseExtended/action-hosting-deploy@v0', { channelId: 'pr-12' }, 'not-production'],
    ['FirebaseExtended/action-hosting-deploy@v0', { channelId: "${{ github.ref == 'refs/heads/main' && 'live' || '' }}" }, 'unknown'],
    ['w9jds/firebase-action@master', { args: 'deploy' }, undefined],
  ] as const)('%s %j → %s', (uses, inputs, target) => {
    expect(firebase.matchAction?.(uses, inputs)?.target).toBe(target)
  })
})
