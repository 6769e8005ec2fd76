import { describe, expect, it } from 'vitest'
import { DEFAULT_CONFIG } from '../../src/config/types.js'
import type { ExecutionContext } from '../../src/model/context.js'
import jenkins from '../../src/sources/jenkins/reader.js'
import { parseGroovy, tokenize } from '../../src/sources/jenkins/parse.js'
import { shellSourceOf } from '../../src/sources/jenkins/strings.js'
import { deploymentsOf, projectOf } from '../helpers/project.js'

function read(text: string, file = 'Jenkinsfile'): { contexts: ExecutionContext[]; problems: string[] } {
  const project = projectOf({ [file]: text })
  const result = jenkins.read(file, project, DEFAULT_CONFIG, deploymentsOf(project))
  return { contexts: result.contexts, problems: result.problems.map((p) => `${p.span.file}:${p.span.start.line}:${p.span.start.column} ${p.rule}: ${p.message}`) }
}

const pipeline = (...lines: string[]) => ['pipeline {', '  agent any', ...lines.map((l) => `  ${l}`), '}', ''].join('\n')
const stage = (name: string, ...lines: string[]) => [`stage('${name}') {`, ...lines.map((l) => `  ${l}`), '}']
const stages = (...lines: string[]) => ['stages {', ...lines.map((l) => `  ${l}`), '}']
const context = (contexts: ExecutionContext[], name: string) => contexts.find((c) => c.label.startsWith(`stage \`${name}\``))!
/** each step as `label: text @line:col`, the text's words at their place in the file */
const steps = (c: ExecutionContext) => c.steps.map((s) => `${s.label}: ${s.source?.text ?? (s.invoke?.[0]?.kind === 'unresolved' ? `(${s.invoke[0].reason})` : '')} @${s.span.start.line}:${s.span.start.column}`)
const reach = (c: ExecutionContext) => c.reasons.filter((r) => r.kind === 'condition').map((r) => `${r.towards ? '+' : '-'} ${r.detail}`)

describe('Groovy strings as shell text', () => {
  it('decodes escapes and keeps each character at its place; a GString puts known values in and leaves the rest to the shell', () => {
    const text = 'sh "echo \\"${env.TARGET}\\" \\$HOME ${params.MODE} ${currentBuild.number}"'
    const [statement] = parseGroovy(text)
    const call = statement!.kind === 'expr' && statement!.value.kind === 'call' ? statement!.value : undefined
    const source = shellSourceOf(call!.args[0]!.value, { TARGET: 'production' }, 'Jenkinsfile', 'sh')!
    expect(source.text).toBe('echo "production" $HOME ${MODE} ${GROOVY_VALUE}')
    expect(source.offsets(source.text.indexOf('$HOME'))).toBe(text.indexOf('\\$HOME') + 1)
    expect(source.offsets(source.text.indexOf('production'))).toBe(text.indexOf('${env.TARGET}'))
    expect(source.offsets(source.text.indexOf('${MODE}'))).toBe(text.indexOf('${params.MODE}'))
  })

  it("single quotes are literal, '''…''' and \"\"\"…\"\"\" span lines, a line ending in a backslash goes on", () => {
    const text = ["sh '''", '  echo $HOME \\', "  && rails db:seed'''"].join('\n')
    const [statement] = parseGroovy(text)
    const call = statement!.kind === 'expr' && statement!.value.kind === 'call' ? statement!.value : undefined
    const source = shellSourceOf(call!.args[0]!.value, {}, 'Jenkinsfile', 'sh')!
    expect(source.text).toBe('\n  echo $HOME   && rails db:seed')
    expect(source.offsets(source.text.indexOf('rails'))).toBe(text.indexOf('rails'))
  })

  it('comments, a shebang and slashy strings are read as Groovy reads them', () => {
    const kinds = tokenize('#!groovy\n/* a */ x = /a\\/b/ // c\n').map((t) => `${t.kind}:${t.text}`)
    expect(kinds).toEqual(['newline:\n', 'ident:x', 'punct:=', 'string:/a\\/b/', 'newline:\n', 'eof:'])
  })
})

describe('Jenkins: stages and steps', () => {
  it('one context per stage with steps, named by its stages, each `sh` a step at its own line', () => {
    const { contexts } = read(pipeline(...stages(...stage('Build', 'steps {', "  sh 'make build'", "  echo 'built'", '}'), ...stage('Release', ...stages(...stage('Publish', 'steps { sh "make publish" }'))))))
    expect(contexts.map((c) => c.label)).toEqual(['stage `Build` in Jenkinsfile', 'stage `Release → Publish` in Jenkinsfile'])
    expect(steps(context(contexts, 'Build'))).toEqual(['`sh`: make build @6:9'])
    expect(steps(context(contexts, 'Release → Publish'))).toEqual(['`sh`: make publish @13:19'])
  })

  it('parallel and matrix stages, post conditions of a stage and of the pipeline', () => {
    const { contexts } = read(
      pipeline(
        ...stages(
          ...stage('Checks', 'parallel {', ...stage('Lint', "steps { sh 'npm run lint' }").map((l) => `  ${l}`), '}'),
          ...stage('Matrix', 'matrix {', "  axes { axis { name 'NODE'; values '18', '20' } }", '  stages {', ...stage('Unit', "steps { sh 'npm test' }").map((l) => `    ${l}`), '  }', '}'),
          ...stage('Ship', "steps { sh 'make ship' }", "post { failure { sh 'make rollback' } }"),
        ),
        "post { always { sh 'make clean' } }",
      ),
    )
    expect(contexts.map((c) => c.label)).toEqual(['stage `Checks → Lint` in Jenkinsfile', 'stage `Matrix → Unit` in Jenkinsfile', 'stage `Ship` in Jenkinsfile', '`post` of the pipeline in Jenkinsfile'])
    expect(steps(context(contexts, 'Ship')).map((s) => s.split(' @')[0])).toEqual(['`sh`: make ship', '`post { failure }`: `sh`: make rollback'])
  })

  it('environment at pipeline and stage level, credentials as secrets, withEnv, withCredentials and dir', () => {
    const { contexts } = read(
      pipeline(
        'environment {',
        "  APP = 'shop'",
        '  DATABASE_URL = credentials(\'shop-prod-db\')',
        "  LABEL = \"${APP}-web\"",
        "  OUT = sh(returnStdout: true, script: 'date').trim()",
        '}',
        ...stages(
          ...stage(
            'Migrate',
            "environment { RAILS_ENV = 'production'; FULL = '$APP/$RAILS_ENV' }",
            'steps {',
            "  withEnv(['STEP=1', \"WHO=${LABEL}\"]) {",
            "    withCredentials([string(credentialsId: 'seed-token', variable: 'TOKEN'), usernamePassword(credentialsId: 'db', usernameVariable: 'U', passwordVariable: 'P')]) {",
            "      dir(\"${WORKSPACE}/api\") { sh 'rails db:migrate' }",
            '    }',
            '  }',
            '}',
          ),
        ),
      ),
    )
    const step = context(contexts, 'Migrate').steps[0]!
    expect(step.cwd).toBe('api')
    expect(step.env).toEqual({ APP: 'shop', DATABASE_URL: '<secret shop-prod-db>', LABEL: 'shop-web', RAILS_ENV: 'production', FULL: 'shop/production', STEP: '1', WHO: 'shop-web', TOKEN: '<secret seed-token>', U: '<secret db>', P: '<secret db>' })
    expect(step.reasons.map((r) => r.detail)).toEqual(['DATABASE_URL comes from secret shop-prod-db, named for production', 'RAILS_ENV=production'])
  })

  it('a script block: its sh steps are read, its other Groovy is said to be unread; bat and unknown steps too', () => {
    const { contexts } = read(
      pipeline(
        ...stages(
          ...stage('Deploy', 'steps {', '  script {', "    sh 'make deploy'", "    if (env.SEED) { sh 'make seed' }", '  }', "  bat 'deploy.cmd'", "  deployToK8s(env: 'prod')", "  sh(script: cmd)", '}'),
        ),
      ),
    )
    expect(steps(context(contexts, 'Deploy'))).toEqual([
      '`sh`: make deploy @7:11',
      '`if`: (Groovy (`if`) is run at build time, not read: what it runs is not known) @8:11',
      '`bat`: (`bat` runs Windows commands, which seedguard does not read) @10:9',
      "`deployToK8s`: (step `deployToK8s` (a shared library's or a plugin's) is not read: what it runs is not known) @11:9",
      '`sh`: (the script of this `sh` step is computed by Groovy at build time) @12:9',
    ])
  })

  it('in a script block: env assignments reach the steps after them, a value a step computes is that step, parallel branches are read', () => {
    const { contexts } = read(
      pipeline(
        "environment { TARGET = 'staging' }",
        ...stages(
          ...stage(
            'Ship',
            'steps {',
            '  script {',
            "    currentBuild.description = 'shipping'",
            "    env.TARGET = 'production'",
            "    def sha = sh(returnStdout: true, script: 'git rev-parse HEAD').trim()",
            "    parallel web: { sh 'make web' }, worker: { sh 'make worker' }, failFast: true",
            '    env.TAG = sha',
            "    sh 'make release'",
            '  }',
            '}',
          ),
        ),
      ),
    )
    const ship = context(contexts, 'Ship')
    expect(steps(ship).map((s) => s.split(' @')[0])).toEqual(['`sh`: git rev-parse HEAD', '`sh`: make web', '`sh`: make worker', '`sh`: make release'])
    expect(ship.steps.map((s) => s.env.TARGET)).toEqual(['production', 'production', 'production', 'production'])
    expect('TAG' in ship.steps[3]!.env).toBe(false)
  })

  it('the block of a step it does not know is read all the same; a script naming bash is read as bash', () => {
    const { contexts } = read(pipeline(...stages(...stage('Ship', 'steps {', "  withOpsVault(role: 'deploy') {", "    sh '''#!/bin/bash", '      make ship', "    '''", '  }', '}'))))
    const ship = context(contexts, 'Ship')
    expect(steps(ship).map((s) => s.split(' @')[0])).toEqual(["`withOpsVault`: (step `withOpsVault` (a shared library's or a plugin's) is not read: what it runs is not known)", '`sh`: #!/bin/bash\n            make ship\n          '])
    expect(ship.steps[1]!.source!.shell).toBe('bash')
  })

  it('CI=true is set by Jenkins; other variables may come from outside the repository', () => {
    const { contexts } = read(pipeline(...stages(...stage('Build', "agent { docker { image 'node:20' } }", "steps { sh 'npm ci' }"))))
    const runtime = context(contexts, 'Build').runtime!
    expect(runtime).toMatchObject({ unset: 'unknown', values: { CI: 'true' } })
    expect(runtime.label).toContain('image `node:20`')
    expect(runtime.provides?.('BRANCH_NAME')).toBe(true)
  })
})

describe('Jenkins: when a stage runs', () => {
  const whenStage = (...when: string[]) => reach(context(read(pipeline(...stages(...stage('S', 'when {', ...when.map((w) => `  ${w}`), '}', "steps { sh 'true' }")))).contexts, 'S'))

  it('no when: every build of a multibranch pipeline, the default branch too', () => {
    expect(reach(context(read(pipeline(...stages(...stage('S', "steps { sh 'true' }")))).contexts, 'S'))).toEqual(['+ no `when`: runs for pushes to `main`, pushes to `master`, tags'])
  })

  it('branch, with a glob, a regular expression, or negated', () => {
    expect(whenStage("branch 'main'")).toEqual(["+ `when { branch 'main' }`: runs for pushes to `main`"])
    expect(whenStage("branch 'develop'")).toEqual(["- `when { branch 'develop' }` never runs on the default branch or a tag"])
    expect(whenStage("branch 'feature/*'")).toEqual(["- `when { branch 'feature/*' }` never runs on the default branch or a tag"])
    expect(whenStage("branch 'PR-*'")).toEqual(["- `when { branch 'PR-*' }` runs only for pull requests, never on the default branch or a tag"])
    expect(whenStage("branch pattern: 'ma(in|ster)', comparator: 'REGEXP'")).toEqual(["+ `when { branch 'ma(in|ster)' (REGEXP) }`: runs for pushes to `main`, pushes to `master`"])
    expect(whenStage("not { branch 'main' }", "not { branch 'master' }")).toEqual(["+ `when { not { branch 'main' }; not { branch 'master' } }`: runs for tags"])
    expect(whenStage("anyOf { branch 'main'; branch 'release/*' }")[0]).toContain('runs for pushes to `main`')
  })

  it('tags, pull requests, environment and expression conditions', () => {
    expect(whenStage('buildingTag()')).toEqual(['+ `when { buildingTag() }`: runs for tags'])
    expect(whenStage("tag 'v*'")).toEqual(["+ `when { tag 'v*' }`: runs for tags"])
    expect(whenStage('changeRequest()')).toEqual(['- `when { changeRequest() }` runs only for pull requests, never on the default branch or a tag'])
    expect(whenStage("environment name: 'BRANCH_NAME', value: 'main'")).toEqual(["+ `when { environment name: 'BRANCH_NAME', value: 'main' }`: runs for pushes to `main`"])
    expect(whenStage("expression { return env.BRANCH_NAME == 'master' && params.DEPLOY }")).toEqual(['+ `when { expression { … } }`: runs for pushes to `main`, pushes to `master`, tags'])
    expect(whenStage("expression { env.BRANCH_NAME == 'master' }")).toEqual(['+ `when { expression { … } }`: runs for pushes to `master`'])
    expect(whenStage("expression { BRANCH_NAME != 'main' && BRANCH_NAME != 'master' }")).toEqual(['+ `when { expression { … } }`: runs for tags'])
    expect(whenStage('expression { return false }')).toEqual(['- `when { expression { … } }` never runs on the default branch or a tag'])
    expect(whenStage("expression { currentBuild.number > 1 }")).toEqual(['+ `when { expression { … } }`: runs for pushes to `main`, pushes to `master`, tags'])
  })

  it('a stage runs only where the stages around it run', () => {
    const { contexts } = read(pipeline(...stages(...stage('Outer', "when { branch 'develop' }", ...stages(...stage('Inner', "steps { sh 'true' }"))))))
    expect(reach(context(contexts, 'Outer → Inner'))).toEqual(["- `when { branch 'develop' }` never runs on the default branch or a tag"])
  })
})

describe('Jenkins: what says production', () => {
  const reasons = (name: string, ...body: string[]) => context(read(pipeline(...stages(...stage(name, ...body)))).contexts, name).reasons.filter((r) => r.kind !== 'condition').map((r) => `${r.kind} ${r.towards ? '+' : '-'} ${r.detail}`)

  it('a stage named for production, for another environment, or for a deploy; an input step', () => {
    expect(reasons('Deploy to production', "steps { sh 'true' }")).toEqual(['environment + stage `Deploy to production` is named for production'])
    expect(reasons('Deploy staging', "steps { sh 'true' }")).toEqual(['environment - stage `Deploy staging` is named for a non-production environment'])
    expect(reasons('Release', "steps { sh 'true' }")).toEqual(['deploy-command + stage `Release` is named for a deploy'])
    expect(reasons('Go', "input { message 'Ship it?' }", "steps { sh 'true' }")).toEqual(['deploy-command + `input` waits for a person to approve it, as a release does'])
    expect(reasons('Go', "steps { input 'Ship it?'; sh 'true' }")).toEqual(['deploy-command + `input` waits for a person to approve it, as a release does'])
    expect(reasons('Build', "steps { sh 'true' }")).toEqual([])
  })

  it('a stage name Groovy computes is shown as written, and judged by its words', () => {
    const { contexts } = read(pipeline(...stages('stage("Deploy ${REGION}") {', "  steps { sh 'true' }", '}')))
    expect(contexts[0]!.label).toBe('stage `"Deploy ${REGION}"` in Jenkinsfile')
    expect(contexts[0]!.reasons.map((r) => r.detail)).toContain('stage `"Deploy ${REGION}"` is named for a deploy')
  })
})

describe('Jenkins: what is not read', () => {
  it("a scripted pipeline's stages are read as stages, its Groovy where it stands", () => {
    const { contexts, problems } = read("timestamps {\n  node('linux') {\n    def tag = 'x'\n    stage('Deploy') { sh 'rails db:seed' }\n    sh 'make clean'\n  }\n}\n")
    expect(problems).toEqual([])
    expect(steps(context(contexts, 'Deploy'))).toEqual(['`sh`: rails db:seed @4:23'])
    expect(steps(contexts.find((c) => c.label === '`node` in Jenkinsfile')!).map((s) => s.split(': (')[0])).toEqual(['`sh`: make clean @5:5'])
  })

  it('a pipeline a shared library defines, at its first line', () => {
    expect(read("@Library('ops') _\n\nrailsPipeline(app: 'shop')\n").problems).toEqual(["Jenkinsfile:3:1 unresolved-on-production-path: no `pipeline { }` block: the build runs `railsPipeline` (a shared library's or scripted Groovy), on the default branch too, and its steps are not read"])
  })

  it('Groovy this parser does not know is an unread statement, not a parse error', () => {
    const { contexts, problems } = read(pipeline(...stages(...stage('Ship', 'steps {', '  script {', '    def hosts = servers*.name', '    echo obj.@field', '  }', "  sh 'make ship'", '}'))))
    expect(problems).toEqual([])
    expect(steps(context(contexts, 'Ship')).map((s) => s.split(': (')[0])).toEqual(['`def`', '`echo`', '`sh`: make ship @10:9'])
  })

  it('a file that does not parse', () => {
    expect(read("pipeline {\n  stages {\n    stage('x') { steps { sh 'a } }\n  }\n}\n").problems).toEqual(['Jenkinsfile:3:29 parse-error: not a Jenkinsfile this reader can parse: unterminated string'])
    expect(read('pipeline {\n  stages {\n').problems).toEqual(['Jenkinsfile:3:1 parse-error: not a Jenkinsfile this reader can parse: missing `}`'])
  })

  it('owns Jenkinsfile names, not their documentation', () => {
    const owns = (file: string) => jenkins.accepts!(file)
    expect(['Jenkinsfile', 'ci/Jenkinsfile.deploy', 'deploy.Jenkinsfile', 'jenkins/Jenkinsfile-prod'].every(owns)).toBe(true)
    expect(owns('Jenkinsfile.md')).toBe(false)
  })
})

describe('Publish Over SSH', () => {
  it("reads each transfer's execCommand as shell text on the named server; what Groovy computes stays unread", () => {
    const text = pipeline(
      ...stages(
        ...stage(
          'Ship',
          'steps {',
          "  sshPublisher(publishers: [sshPublisherDesc(configName: 'web-1', transfers: [sshTransfer(sourceFiles: 'dist/**'), sshTransfer(execCommand: 'cd app && ./bin/restart')])])",
          "  sshPublisher(publishers: [sshPublisherDesc(configName: 'web-2', transfers: uploads)])",
          '  sshPublisher(publishers: targets)',
          '}',
        ),
      ),
    )
    expect(steps(context(read(text).contexts, 'Ship'))).toEqual([
      '`execCommand` of `sshPublisher` on `web-1`: cd app && ./bin/restart @6:147',
      '`sshPublisher` on `web-2`: (the transfers of this `sshPublisher` step are computed by Groovy at build time) @7:9',
      '`sshPublisher`: (the servers and commands of this `sshPublisher` step are computed by Groovy at build time) @8:9',
    ])
  })
})
