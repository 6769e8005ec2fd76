import type { RuntimeEnvironment } from '../../model/runtime.js'

/**
 * The environment a Jenkins `sh` step sees. Jenkins core sets CI=true on every build since
 * JENKINS-36707 (jenkinsci/jenkins#5370, 2021: core/src/main/java/jenkins/model/CoreEnvironmentContributor.java),
 * with JENKINS_URL (where the root URL is configured), JENKINS_HOME, BUILD_NUMBER, JOB_NAME,
 * NODE_NAME…, and a multibranch project BRANCH_NAME, CHANGE_* and TAG_*
 * (https://www.jenkins.io/doc/book/pipeline/jenkinsfile/#using-environment-variables). No NODE_ENV or
 * RAILS_ENV; but global and folder properties, the agent's own environment and its image can set
 * anything: a variable no file sets is unknown, not unset.
 */
export function jenkinsRuntime(agent: string | undefined): RuntimeEnvironment {
  return {
    unset: 'unknown',
    label: `${agent ? `the agent (${agent})` : "the build's agent"} and Jenkins' global and folder properties (outside the repository)`,
    values: { CI: 'true' },
    valuesBy: 'Jenkins',
    provides: (variable) => /^(JENKINS|HUDSON|BUILD|JOB|NODE|EXECUTOR|RUN|CHANGE|TAG|BRANCH|GIT)_|^WORKSPACE$/.test(variable),
    // each build runs in a checkout at $WORKSPACE
    checkout: ['WORKSPACE'],
  }
}
