// https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax
import { fileStartSpan } from '../model/span.js'
import type { SourceReader } from './types.js'

// CI systems seedguard does not read: of all CI configuration it reads GitHub Actions workflows
// (the link above), GitLab CI pipelines (sources/gitlab) and Azure Pipelines (sources/azure). A production job of any of these can
// seed as easily as a workflow's, so a repository holding one gets a located note instead of a
// silent pass (reviewer case c46 CircleCI). Each path is the system's default file at the
// repository root.
const UNREAD: Record<string, string> = {
  '.circleci/config.yml': 'CircleCI', // https://circleci.com/docs/configuration-reference/
  'bitbucket-pipelines.yml': 'Bitbucket Pipelines', // https://support.atlassian.com/bitbucket-cloud/docs/bitbucket-pipelines-configuration-reference/
  '.buildkite/pipeline.yml': 'Buildkite', // https://buildkite.com/docs/pipelines/configure/defining-steps
  Jenkinsfile: 'Jenkins', // https://www.jenkins.io/doc/book/pipeline/jenkinsfile/
  '.drone.yml': 'Drone', // https://docs.drone.io/pipeline/overview/
  '.travis.yml': 'Travis CI', // https://docs.travis-ci.com/user/customizing-the-build/
}

const unreadCi: SourceReader = {
  id: 'unread-ci',
  title: 'CI systems other than GitHub Actions, GitLab CI and Azure Pipelines',
  docs: 'https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-syntax',
  files: Object.keys(UNREAD),
  candidates: true,
  // nothing is read from the file, so nothing in it can be wrong: a note, which fails no run
  read: (file) => ({ contexts: [], problems: [{ rule: 'ci-not-analysed', severity: 'note', message: UNREAD[file] ?? file, span: fileStartSpan(file) }] }),
}
export default unreadCi
