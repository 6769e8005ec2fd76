import { fileStartSpan } from '../model/span.js'
import type { SourceReader } from './types.js'

// CI and deploy systems seedguard does not read. A production job or deploy hook of any of these
// can seed as easily as a workflow's, so a repository holding one gets a located note instead of a
// silent pass. Each path is the system's default file, where its documentation puts it.
const UNREAD: Record<string, string> = {
  '.woodpecker.yml': 'Woodpecker CI', // https://woodpecker-ci.org/docs/usage/workflow-syntax
  '.woodpecker.yaml': 'Woodpecker CI',
  '.semaphore/semaphore.yml': 'Semaphore', // https://docs.semaphoreci.com/reference/pipeline-yaml
  'appveyor.yml': 'AppVeyor', // https://www.appveyor.com/docs/appveyor-yml/
  '.appveyor.yml': 'AppVeyor',
  'bitrise.yml': 'Bitrise', // https://devcenter.bitrise.io/en/references/basics-of-bitrise-yml.html
  'codefresh.yml': 'Codefresh', // https://codefresh.io/docs/docs/pipelines/what-is-the-codefresh-yaml/
  '.teamcity/settings.kts': 'TeamCity', // https://www.jetbrains.com/help/teamcity/kotlin-dsl.html
}

const unreadCi: SourceReader = {
  id: 'unread-ci',
  title: 'CI and deploy systems seedguard does not read',
  docs: 'https://github.com/seedguard/seedguard#ci-systems-what-is-read',
  files: Object.keys(UNREAD),
  candidates: true,
  // nothing is read from the file, so nothing in it can be wrong: a note, which fails no run
  read: (file) => ({ contexts: [], problems: [{ rule: 'ci-not-analysed', severity: 'note', message: UNREAD[file] ?? file, span: fileStartSpan(file) }] }),
}
export default unreadCi
