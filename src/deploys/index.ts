// The deploy recognisers. Adding one = one file here plus one line below; tests/deploys/registry.test.ts
// fails if a file is not listed or its id is not its file name.
import type { LeafCommand } from '../model/command.js'
import aws from './aws.js'
import firebase from './firebase.js'
import fly from './fly.js'
import gcloud from './gcloud.js'
import heroku from './heroku.js'
import kamal from './kamal.js'
import kubernetes from './kubernetes.js'
import netlify from './netlify.js'
import railway from './railway.js'
import render from './render.js'
import serverless from './serverless.js'
import ssh from './ssh.js'
import terraform from './terraform.js'
import vercel from './vercel.js'
import wrangler from './wrangler.js'
import type { DeployMatch, DeployTool } from './types.js'

export const deployTools: DeployTool[] = [aws, firebase, fly, gcloud, heroku, kamal, kubernetes, netlify, railway, render, serverless, ssh, terraform, vercel, wrangler]

export interface DeployHit {
  tool: DeployTool
  match: DeployMatch
}

/** The first tool that reads `cmd` as a deploy. Tools recognise disjoint programs, so order does not matter. */
export function matchDeploy(cmd: LeafCommand): DeployHit | undefined {
  for (const tool of deployTools) {
    const match = tool.match(cmd)
    if (match) return { tool, match }
  }
  return undefined
}

/** The same for a `uses: owner/repo@ref` step with its `with:` inputs. */
export function matchDeployAction(uses: string, inputs: Record<string, string>): DeployHit | undefined {
  for (const tool of deployTools) {
    const match = tool.matchAction?.(uses, inputs)
    if (match) return { tool, match }
  }
  return undefined
}
