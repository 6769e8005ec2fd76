import type { SourceReader } from './types.js'
import dockerfile from './docker/reader.js'
import compose from './compose.js'
import makefile from './makefile.js'
import workflows from './workflows.js'
import procfile from './procfile.js'
import appJson from './app-json.js'
import heroku from './heroku.js'
import render from './render.js'
import vercel from './vercel.js'
import digitalocean from './digitalocean.js'
import kamal from './kamal.js'
import fly from './fly.js'
import railway from './railway/reader.js'
import netlify from './netlify.js'
import elasticBeanstalk from './elastic-beanstalk.js'

/** Every config source; a platform reader is one more line here. */
export const sources: SourceReader[] = [dockerfile, compose, makefile, workflows, procfile, appJson, heroku, render, vercel, digitalocean, kamal, fly, railway, netlify, elasticBeanstalk]
