// Orbs: jobs and commands fetched from CircleCI's orb registry when the config is compiled
// (https://circleci.com/docs/orbs/author/orb-concepts), so not in the repository. What an orb runs is
// known here only where its documentation says it; the rest is said to be unread.

/** what one orb job or command does, as far as seedguard knows it */
export interface OrbKnowledge {
  /** it deploys: the parameter naming the target, and its default */
  deploys?: { what: string; target?: { parameter: string; default: string } }
  /** parameters of type `steps` it runs, in order around its own work: `before` its deploy, `after` it */
  steps?: { before: string[]; after: string[] }
  /** it runs nothing of the project's own (a tool install, a login, a notification), or nothing but what is said above */
  known?: true
}

const HEROKU_APP = { parameter: 'app-name', default: '$HEROKU_APP_NAME' }

/**
 * circleci/heroku 2.x (https://circleci.com/developer/orbs/orb/circleci/heroku, source
 * CircleCI-Public/heroku-orb src/jobs/deploy-via-git.yml): the `deploy-via-git` job installs the
 * CLI, checks out, runs the `pre-deploy` steps, pushes the branch or tag with `git push` to the
 * app's Heroku remote, then runs the `post-deploy` steps, in the job's own container.
 */
const KNOWN: Record<string, { jobs: Record<string, OrbKnowledge>; commands: Record<string, OrbKnowledge> }> = {
  'circleci/heroku': {
    jobs: {
      'deploy-via-git': { deploys: { what: 'pushes the branch to the Heroku app', target: HEROKU_APP }, steps: { before: ['pre-deploy'], after: ['post-deploy'] }, known: true },
      'push-docker-image': { deploys: { what: 'pushes an image to the Heroku app', target: HEROKU_APP }, known: true },
    },
    commands: {
      'deploy-via-git': { deploys: { what: 'pushes the branch to the Heroku app', target: HEROKU_APP }, known: true },
      'push-docker-image': { deploys: { what: 'pushes an image to the Heroku app', target: HEROKU_APP }, known: true },
      'release-docker-image': { deploys: { what: 'releases an image on the Heroku app', target: HEROKU_APP }, known: true },
      install: { known: true },
      'check-authentication': { known: true },
    },
  },
  // circleci/aws-ecs (https://circleci.com/developer/orbs/orb/circleci/aws-ecs): registers a task
  // definition with the new image and points the service at it with `aws ecs`; the containers it
  // starts run the image's own command, which the Dockerfile reader follows. `run-task` starts a
  // task whose command the job may override, so it stays unread.
  'circleci/aws-ecs': {
    jobs: {
      'deploy-service-update': { deploys: { what: 'updates the ECS service to a new task definition' }, known: true },
      'update-task-definition': { known: true },
    },
    commands: {
      'update-service': { deploys: { what: 'updates the ECS service to a new task definition' }, known: true },
      'update-task-definition': { known: true },
      'verify-revision-is-deployed': { known: true },
    },
  },
  // circleci/aws-ecr (https://circleci.com/developer/orbs/orb/circleci/aws-ecr): docker build and push to ECR
  'circleci/aws-ecr': {
    jobs: { 'build-and-push-image': { known: true } },
    commands: { 'build-and-push-image': { known: true }, 'build-image': { known: true }, 'push-image': { known: true }, 'ecr-login': { known: true } },
  },
}

// orbs that only report (chat, issue trackers, monitoring, coverage): they run none of the project's commands
const REPORTING = /(^|\/)(slack|discord|msteams|teams|jira|datadog|sentry|rollbar|newrelic|new-relic|honeybadger|bugsnag|codecov|coveralls|codeclimate|github-release|pagerduty)$/i
// commands named for setting a tool up; any orb's
const SETUP = /^(install|setup|configure|config|login|auth|authenticate|check|notify|status|save-cache|restore-cache|assume-role|checkout|with-cache)([-_]|$)/i
// names that say a job or command ships something: a deploy, a release, a rollout, a migration
const DEPLOYS = /deploy|release|rollout|update-service|promote|migrat/i

/** what is known of `alias/name`, an orb's job or command: without `known`, it may run anything */
export function orbKnowledge(registry: string, kind: 'jobs' | 'commands', name: string): OrbKnowledge {
  const documented = KNOWN[registry]?.[kind][name]
  if (documented) return documented
  if (REPORTING.test(registry) || (kind === 'commands' && SETUP.test(name))) return { known: true }
  return DEPLOYS.test(name) ? { deploys: { what: 'deploys' } } : {}
}
