import type { RuntimeEnvironment } from '../../model/runtime.js'

/**
 * The environment a CircleCI job's steps see. CircleCI sets CI=true, CIRCLECI=true and its CIRCLE_*
 * variables, and no NODE_ENV or RAILS_ENV (https://circleci.com/docs/reference/variables/); but the
 * job runs in an image whose ENV no file shows, and project environment variables and contexts,
 * set in CircleCI's settings, reach it: a variable no YAML sets is unknown, not unset.
 */
export function jobRuntime(image: string | undefined): RuntimeEnvironment {
  return {
    unset: 'unknown',
    label: `${image ? `the image \`${image}\`` : 'the executor'} and the project's environment variables and contexts in CircleCI (outside the repository)`,
    values: { CI: 'true', CIRCLECI: 'true' },
    valuesBy: 'CircleCI',
    provides: (variable) => /^CIRCLE_/.test(variable),
    // each job checks out to $CIRCLE_WORKING_DIRECTORY: https://circleci.com/docs/reference/variables/#built-in-environment-variables
    checkout: ['CIRCLE_WORKING_DIRECTORY'],
  }
}
