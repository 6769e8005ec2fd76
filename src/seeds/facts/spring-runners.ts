// https://docs.spring.io/spring-boot/reference/features/spring-application.html#features.spring-application.command-line-runner ;
// parsed with tree-sitter's Java grammar (WASM)
import type { Node } from 'web-tree-sitter'
import type { Hop } from '../../model/finding.js'
import type { Guard } from '../../model/guard.js'
import type { Span } from '../../model/span.js'
import type { FileCache } from '../../project/files.js'
import type { LineIndex } from '../../util/line-index.js'
import { importGrammarParser } from '../../util/on-demand.js'
import { basenameOf, dirnameOf } from '../../util/paths.js'

// A Spring Boot application runs every CommandLineRunner and ApplicationRunner bean once it has
// started, then publishes ApplicationReadyEvent; before that, creating each singleton bean runs its
// `@PostConstruct` method and `afterPropertiesSet()`
// (https://docs.spring.io/spring-framework/reference/core/beans/factory-nature.html#beans-factory-lifecycle-combined-effects):
// a `DataLoader implements CommandLineRunner` that
// saves entities, or a `@Bean CommandLineRunner initData(UserRepository repo)` whose lambda calls
// `repo.save(…)`, seeds the database on every start of every deploy; a `deleteAll()` there empties
// its tables each time. `@Profile` limits a bean to the profiles it names
// (https://docs.spring.io/spring-boot/reference/features/profiles.html), `@ConditionalOnProperty` to
// a property's value (https://docs.spring.io/spring-boot/api/java/org/springframework/boot/autoconfigure/condition/ConditionalOnProperty.html):
// both are kept with the effect and judged against the start, whose profiles only it knows.

/** `@ConditionalOnProperty(name = "app.seed", havingValue = "true")`: the bean exists only where the property has that value */
export interface PropertyCondition {
  /** the property, with its `prefix` */
  name: string
  /** unset: any value but `false` */
  havingValue?: string
  matchIfMissing: boolean
  span: Span
}

/** One write or wipe a runner makes at start, with the conditions it is made under. */
export interface RunnerEffect {
  effect: 'seed' | 'wipe'
  /** `writes`: it saves or inserts; `named`: only its name says it seeds; `wipes`: it deletes or drops */
  evidence: 'writes' | 'named' | 'wipes'
  /** the call as written, on one line (for `named`, the runner's name) */
  text: string
  span: Span
  /** the runner: `DataLoader.run`, `@Bean initData`, `@EventListener onReady` */
  runner: string
  runnerSpan: Span
  /** the calls of the class's own methods from the runner down to the one that makes it */
  via: Hop[]
  /** the `@Profile` expressions on the bean and its class, each of which must hold (a list: any of its profiles) */
  profiles: { expression: string; span: Span }[]
  properties: PropertyCondition[]
  /** the `if`s around the call in the runner's code: tests of the data or the code, which seedguard cannot evaluate */
  guards: Guard[]
}

/** A Spring Boot module (the directory of a pom.xml or Gradle build that uses Spring Boot) and what its runners do at start, if anything. */
export interface SpringModule {
  dir: string
  effects: RunnerEffect[]
}

const BUILD_FILES = new Set(['pom.xml', 'build.gradle', 'build.gradle.kts'])
/** Maven's spring-boot-starter-* and spring-boot-maven-plugin, Gradle's `org.springframework.boot` plugin */
const SPRING_BOOT = /spring-boot|org\.springframework\.boot\b/
// a cheap look before the parser: a file that names no runner or ready event holds none
const MAY_RUN = /\b(?:CommandLineRunner|ApplicationRunner|ApplicationReadyEvent|ApplicationStartedEvent|ContextRefreshedEvent|PostConstruct|InitializingBean)\b/
const BEAN_CLASS = new Set(['Component', 'Service', 'Configuration', 'SpringBootApplication', 'Repository', 'Controller', 'RestController'])
const RUNNER_TYPE = /^(?:CommandLineRunner|ApplicationRunner)$/
/** Spring Data's CrudRepository/JpaRepository, JPA's EntityManager, MongoTemplate: calls that write rows */
const WRITES = new Set(['save', 'saveAll', 'saveAndFlush', 'saveAllAndFlush', 'insert', 'insertAll', 'persist'])
/** CrudRepository.deleteAll() and JpaRepository.deleteAllInBatch() delete every row of the table */
const DELETES_ALL = new Set(['deleteAll', 'deleteAllInBatch'])
/** JdbcTemplate's statements, read from a literal */
const SQL_CALLS = new Set(['execute', 'update', 'batchUpdate'])
/** a logger or the console: what a call on it does is print */
const LOGS = /^(?:log|logger|LOG|LOGGER|System\.(?:out|err))$/
const SEED_NAME = /seed|DataLoader|DataInitiali[sz]er|loadData|initData|(?:^|[a-z])(?:Load|Init)\w*Data$|Fixtures?/i

/**
 * The Spring Boot modules of a repository (each with Java sources), with what their runners write
 * or wipe at start; the parser loads only where a runner may be.
 */
export async function loadSpringModules(cache: FileCache): Promise<SpringModule[]> {
  const files = cache.files.list()
  const dirs = files.filter((f) => BUILD_FILES.has(basenameOf(f)) && SPRING_BOOT.test(cache.get(f)?.text ?? '')).map(dirnameOf)
  const sources = [...new Set(dirs)].flatMap((dir) => {
    const root = dir === '.' ? 'src/main/java/' : `${dir}/src/main/java/`
    const java = files.filter((f) => f.startsWith(root) && f.endsWith('.java'))
    return java.length === 0 ? [] : [{ dir, files: java.filter((f) => MAY_RUN.test(cache.get(f)?.text ?? '')) }]
  })
  if (sources.every((s) => s.files.length === 0)) return sources.map(({ dir }) => ({ dir, effects: [] }))
  const parser = await (await importGrammarParser()).grammarParser('java')
  return sources.map(({ dir, files: javaFiles }) => ({
    dir,
    effects: javaFiles.flatMap((file) => {
      const lines = cache.get(file)!
      const tree = parser.parse(lines.text)
      if (!tree) return []
      try {
        return tree.rootNode.descendantsOfType('class_declaration').flatMap((c) => (c ? new RunnerReader(lines, c).effects() : []))
      } finally {
        tree.delete()
      }
    }),
  }))
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ')

/** the annotations of a declaration, by their simple name */
function annotationsOf(declaration: Node): Node[] {
  const modifiers = declaration.namedChildren.find((c) => c?.type === 'modifiers')
  return (modifiers?.namedChildren ?? []).filter((a): a is Node => a !== null && (a.type === 'annotation' || a.type === 'marker_annotation'))
}

const simpleName = (annotation: Node) => annotation.childForFieldName('name')?.text.split('.').at(-1) ?? ''

/** an annotation's literal strings: of its `value` (the only argument, or `value =`/`name =`), or of the key asked for */
function annotationStrings(annotation: Node, key?: string): string[] {
  const args = annotation.childForFieldName('arguments')?.namedChildren ?? []
  const values = args.flatMap((arg) => {
    if (arg?.type !== 'element_value_pair') return key === undefined && arg ? [arg] : []
    const name = arg.childForFieldName('key')?.text
    const wanted = key === undefined ? name === 'value' || name === 'name' : name === key
    const value = arg.childForFieldName('value')
    return wanted && value ? [value] : []
  })
  return values.flatMap((v) => (v.type === 'string_literal' ? [v] : v.namedChildren.filter((c) => c?.type === 'string_literal'))).map((s) => stringOf(s!) ?? '')
}

const stringOf = (literal: Node): string | undefined => (literal.type === 'string_literal' ? literal.namedChildren.map((c) => c?.text ?? '').join('') : undefined)

/** What the runners of one class do at start, following the class's own methods they call. */
class RunnerReader {
  private readonly methods: Map<string, Node>
  private readonly className: string
  constructor(
    private readonly lines: LineIndex,
    private readonly cls: Node,
  ) {
    this.className = cls.childForFieldName('name')?.text ?? ''
    const body = cls.childForFieldName('body')
    this.methods = new Map((body?.namedChildren ?? []).flatMap((m) => (m?.type === 'method_declaration' ? [[m.childForFieldName('name')?.text ?? '', m] as const] : [])))
  }

  effects(): RunnerEffect[] {
    const annotations = annotationsOf(this.cls)
    if (!annotations.some((a) => BEAN_CLASS.has(simpleName(a)))) return []
    const implemented = this.cls.childForFieldName('interfaces')?.descendantsOfType('type_identifier').map((t) => t?.text) ?? []
    const out: RunnerEffect[] = []
    for (const [name, method] of this.methods) {
      const own = annotationsOf(method)
      const returned = method.childForFieldName('type')?.text.split('.').at(-1) ?? ''
      const runner =
        (name === 'run' && implemented.some((t) => t !== undefined && RUNNER_TYPE.test(t))) || (name === 'afterPropertiesSet' && implemented.includes('InitializingBean')) || (name === 'onApplicationEvent' && startEvent(this.cls.childForFieldName('interfaces')))
          ? `${this.className}.${name}`
          : own.some((a) => simpleName(a) === 'Bean') && RUNNER_TYPE.test(returned)
            ? `@Bean ${name}`
            : own.some((a) => simpleName(a) === 'EventListener' && (startEvent(a) || startEvent(method.childForFieldName('parameters'))))
              ? `@EventListener ${name}`
              : own.some((a) => simpleName(a) === 'PostConstruct')
                ? `@PostConstruct ${name}`
                : undefined
      if (runner === undefined) continue
      // a runner exists to run something at start, and its name says what; a @PostConstruct `loadData()` as often fills a cache
      out.push(...this.runnerEffects(runner, method, [...annotations, ...own], /\.run$|^@Bean /.test(runner)))
    }
    return out
  }

  private runnerEffects(runner: string, method: Node, annotations: Node[], byName: boolean): RunnerEffect[] {
    const nameNode = method.childForFieldName('name') ?? method
    const base = {
      runner,
      runnerSpan: this.span(nameNode),
      profiles: annotations.filter((a) => simpleName(a) === 'Profile').map((a) => ({ expression: annotationStrings(a).join(','), span: this.span(a) })),
      properties: annotations.filter((a) => simpleName(a) === 'ConditionalOnProperty').flatMap((a) => this.propertyConditions(a)),
    }
    const found = this.calls(method, new Set([method.id]), [], [])
    if (found.length > 0) return found.map((f) => ({ ...base, ...f }))
    // a runner named for seeding that hands the work on (`importer.load()`) seeds by its name; an empty one, or one that only logs, does nothing
    const delegates = (method.childForFieldName('body')?.descendantsOfType('method_invocation') ?? []).some((call) => !LOGS.test(call?.childForFieldName('object')?.text ?? ''))
    const named = [this.className, method.childForFieldName('name')?.text ?? ''].find((n) => SEED_NAME.test(n))
    return named === undefined || !delegates || !byName ? [] : [{ ...base, effect: 'seed', evidence: 'named', text: runner, span: base.runnerSpan, via: [], guards: [] }]
  }

  /** the writes and wipes in a method's body, and in the class's own methods it calls, with the `if`s around each on the way */
  private calls(method: Node, seen: Set<number>, via: Hop[], outer: Guard[]): Pick<RunnerEffect, 'effect' | 'evidence' | 'text' | 'span' | 'via' | 'guards'>[] {
    const body = method.childForFieldName('body')
    if (!body) return []
    return body.descendantsOfType('method_invocation').flatMap((call) => {
      if (!call) return []
      const guards = [...outer, ...this.guardsAround(call, body)]
      const name = call.childForFieldName('name')?.text ?? ''
      const object = call.childForFieldName('object')
      const own = object === null || object.type === 'this' ? this.methods.get(name) : undefined
      if (own) {
        if (seen.has(own.id)) return []
        seen.add(own.id)
        return this.calls(own, seen, [...via, { span: this.span(call), label: `\`${oneLine(call.text)}\`` }], guards)
      }
      const classified = classify(call, name)
      return classified ? [{ ...classified, text: oneLine(call.text), span: this.span(call), via, guards }] : []
    })
  }

  /** `name`/`value` (each a property), `prefix`, `havingValue`, `matchIfMissing` */
  private propertyConditions(annotation: Node): PropertyCondition[] {
    const prefix = annotationStrings(annotation, 'prefix')[0]
    const havingValue = annotationStrings(annotation, 'havingValue')[0]
    const matchIfMissing = annotation.childForFieldName('arguments')?.namedChildren.some((a) => a?.type === 'element_value_pair' && a.childForFieldName('key')?.text === 'matchIfMissing' && a.childForFieldName('value')?.text === 'true') ?? false
    return annotationStrings(annotation).map((name) => ({
      name: prefix ? `${prefix.replace(/\.$/, '')}.${name}` : name,
      ...(havingValue !== undefined && { havingValue }),
      matchIfMissing,
      span: this.span(annotation),
    }))
  }

  /** the tests of the `if`s and conditional expressions between the call and the body it is in: none can be evaluated */
  private guardsAround(call: Node, body: Node): Guard[] {
    const guards: Guard[] = []
    let inner = call
    for (let node = call.parent; node; inner = node, node = node.parent) {
      guards.unshift(...this.exitsBefore(inner, node))
      if (node.id === body.id) break
      if (node.type !== 'if_statement' && node.type !== 'ternary_expression') continue
      const condition = node.childForFieldName('condition')
      if (!condition || condition.id === inner.id) continue
      const negated = node.childForFieldName('alternative')?.id === inner.id
      guards.unshift({ variable: 'code', op: 'opaque', values: [], negated, text: oneLine(condition.text).replace(/^\((.*)\)$/, '$1'), span: this.span(condition) })
    }
    return guards
  }

  /** `if (repo.count() > 0) return;` before the statement: what follows runs only where the test is false */
  private exitsBefore(inner: Node, block: Node): Guard[] {
    if (block.type !== 'block') return []
    return block.namedChildren.flatMap((statement) => {
      if (statement?.type !== 'if_statement' || statement.startIndex >= inner.startIndex || statement.childForFieldName('alternative')) return []
      const consequence = statement.childForFieldName('consequence')
      const last = consequence?.type === 'block' ? consequence.namedChildren.at(-1) : consequence
      const condition = statement.childForFieldName('condition')
      if (last?.type !== 'return_statement' || !condition) return []
      return [{ variable: 'code', op: 'opaque', values: [], negated: true, text: oneLine(condition.text).replace(/^\((.*)\)$/, '$1'), span: this.span(condition) }]
    })
  }

  private span(node: Node): Span {
    return this.lines.span(node.startIndex, node.endIndex)
  }
}

/**
 * An event the application publishes once on each start, named in `@EventListener(…)`, the
 * listener's parameter or `implements ApplicationListener<…>`: the context refreshed, the
 * application started, then ready (https://docs.spring.io/spring-boot/reference/features/spring-application.html#features.spring-application.application-events-and-listeners)
 */
function startEvent(node: Node | null): boolean {
  return /\b(?:ApplicationReadyEvent|ApplicationStartedEvent|ContextRefreshedEvent)\b/.test(node?.text ?? '')
}

/** what a call does to the database, by its name and, for JdbcTemplate, its SQL */
function classify(call: Node, name: string): Pick<RunnerEffect, 'effect' | 'evidence'> | undefined {
  if (DELETES_ALL.has(name) && (call.childForFieldName('arguments')?.namedChildCount ?? 0) === 0) return { effect: 'wipe', evidence: 'wipes' }
  if (WRITES.has(name)) return { effect: 'seed', evidence: 'writes' }
  const first = call.childForFieldName('arguments')?.namedChildren[0]
  const sql = SQL_CALLS.has(name) && first ? stringOf(first) : undefined
  if (sql !== undefined && /^\s*(?:TRUNCATE|DROP\s+(?:TABLE|SCHEMA|DATABASE))\b/i.test(sql)) return { effect: 'wipe', evidence: 'wipes' }
  if (sql !== undefined && /^\s*INSERT\b/i.test(sql)) return { effect: 'seed', evidence: 'writes' }
  return /^seed/i.test(name) ? { effect: 'seed', evidence: 'named' } : undefined
}
