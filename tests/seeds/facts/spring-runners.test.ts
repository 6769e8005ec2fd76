import { describe, expect, it } from 'vitest'
import { FileCache, MemoryFiles } from '../../../src/project/files.js'
import { loadSpringModules } from '../../../src/seeds/facts/spring-runners.js'

const POM = '<project><parent><artifactId>spring-boot-starter-parent</artifactId></parent></project>'
const modulesOf = (files: Record<string, string>) => loadSpringModules(new FileCache(MemoryFiles.of({ 'pom.xml': POM, ...files })))
/** the effects of one class, as `runner: effect evidence text [guards]` */
const effectsOf = async (java: string) =>
  (await modulesOf({ 'src/main/java/app/Loader.java': java }))[0]?.effects.map((e) => `${e.runner}: ${e.effect} ${e.evidence} ${e.text}${e.guards.length ? ` [${e.guards.map((g) => g.text).join('; ')}]` : ''}`)

const runner = (body: string, annotations = '@Component') => `${annotations}\npublic class Loader implements CommandLineRunner {\n  public void run(String... args) {\n    ${body}\n  }\n}\n`

describe('Spring Boot runners that write or wipe at start', () => {
  it.each([
    ['users.save(new User("ada"));', ['Loader.run: seed writes users.save(new User("ada"))']],
    ['users.saveAll(List.of(a, b));', ['Loader.run: seed writes users.saveAll(List.of(a, b))']],
    ['em.persist(new Plan("free"));', ['Loader.run: seed writes em.persist(new Plan("free"))']],
    ['jdbc.update("INSERT INTO plans (name) VALUES (?)", "free");', ['Loader.run: seed writes jdbc.update("INSERT INTO plans (name) VALUES (?)", "free")']],
    ['users.deleteAll();', ['Loader.run: wipe wipes users.deleteAll()']],
    ['jdbc.execute("TRUNCATE TABLE orders");', ['Loader.run: wipe wipes jdbc.execute("TRUNCATE TABLE orders")']],
    ['if (users.count() == 0) users.save(admin);', ['Loader.run: seed writes users.save(admin) [users.count() == 0]']],
    ['if (users.count() > 0) { return; }\n    users.save(admin);', ['Loader.run: seed writes users.save(admin) [users.count() > 0]']],
    // reads, a deletion of one row, a query: nothing
    ['users.findAll(); users.deleteAll(stale); jdbc.execute("SELECT 1");', []],
  ])('%s', async (body, expected) => {
    expect(await effectsOf(runner(body))).toEqual(expected)
  })

  it("follows the class's own methods the runner calls", async () => {
    const java = '@Component\nclass Loader implements ApplicationRunner {\n  public void run(ApplicationArguments a) { if (enabled) fill(); }\n  private void fill() { repo.save(x); }\n  private void unused() { repo.deleteAll(); }\n}\n'
    const [effect] = (await modulesOf({ 'src/main/java/app/Loader.java': java }))[0]!.effects
    expect(effect).toMatchObject({ runner: 'Loader.run', text: 'repo.save(x)', via: [{ label: '`fill()`' }] })
    expect(effect!.guards.map((g) => g.text)).toEqual(['enabled'])
  })

  it('reads @Bean runners, ready-event listeners, @Profile and @ConditionalOnProperty', async () => {
    const java = [
      '@Configuration',
      '@Profile({"dev", "demo"})',
      'class Boot {',
      '  @Bean @ConditionalOnProperty(prefix = "app", name = "seed", havingValue = "true", matchIfMissing = true)',
      '  CommandLineRunner initData(PetRepository pets) { return args -> pets.save(new Pet("Rex")); }',
      '  @EventListener(ApplicationReadyEvent.class) public void ready() { cache.deleteAll(); }',
      '  @Bean DataSource dataSource() { return build(); }',
      '}',
    ].join('\n')
    const effects = (await modulesOf({ 'src/main/java/app/Boot.java': java }))[0]!.effects
    expect(effects.map((e) => [e.runner, e.effect, e.profiles.map((p) => p.expression), e.properties.map((p) => [p.name, p.havingValue, p.matchIfMissing])])).toEqual([
      ['@Bean initData', 'seed', ['dev,demo'], [['app.seed', 'true', true]]],
      ['@EventListener ready', 'wipe', ['dev,demo'], []],
    ])
  })

  it.each([
    ['@PostConstruct\n  void fill() { repo.save(x); }', '@PostConstruct fill'],
    ['@EventListener\n  public void on(ContextRefreshedEvent e) { repo.save(x); }', '@EventListener on'],
    ['@EventListener(ApplicationStartedEvent.class)\n  void on() { repo.save(x); }', '@EventListener on'],
  ])('what runs as the application starts: %s', async (method, runner) => {
    expect(await effectsOf(`@Component\nclass Plans {\n  ${method}\n}\n`)).toEqual([`${runner}: seed writes repo.save(x)`])
  })

  it('InitializingBean and ApplicationListener of a start event', async () => {
    expect(await effectsOf('@Component\nclass Plans implements InitializingBean {\n  public void afterPropertiesSet() { repo.deleteAll(); }\n}\n')).toEqual(['Plans.afterPropertiesSet: wipe wipes repo.deleteAll()'])
    expect(await effectsOf('@Component\nclass Plans implements ApplicationListener<ApplicationReadyEvent> {\n  public void onApplicationEvent(ApplicationReadyEvent e) { repo.save(x); }\n}\n')).toEqual(['Plans.onApplicationEvent: seed writes repo.save(x)'])
    // only a runner is a seed by its name
    expect(await effectsOf('@Component\nclass Catalog {\n  @PostConstruct\n  void loadData() { cache.fill(file); }\n}\n')).toEqual([])
    // a request's event is no start
    expect(await effectsOf('@Component\nclass Plans implements ApplicationListener<OrderPlacedEvent> {\n  public void onApplicationEvent(OrderPlacedEvent e) { repo.save(x); }\n}\n')).toEqual([])
  })

  it('a runner only named for seeding is a seed by its name; not a bean, or not a runner, is nothing', async () => {
    expect(await effectsOf('@Component\nclass DemoDataSeeder implements CommandLineRunner {\n  public void run(String... args) { importer.load(); }\n}\n')).toEqual(['DemoDataSeeder.run: seed named DemoDataSeeder.run'])
    expect(await effectsOf('@Component\nclass DataInitializer implements CommandLineRunner {\n  public void run(String... args) { log.info("ready"); }\n}\n')).toEqual([])
    expect(await effectsOf('class Loader implements CommandLineRunner {\n  public void run(String... args) { repo.save(x); }\n}\n')).toEqual([])
    expect(await effectsOf('@Service\nclass Loader {\n  public void run() { repo.save(x); }\n}\n')).toEqual([])
  })

  it('lists every Spring Boot module with Java sources, and parses only files that name a runner', async () => {
    const modules = await loadSpringModules(
      new FileCache(MemoryFiles.of({ 'api/pom.xml': POM, 'api/src/main/java/A.java': 'class A {}', 'web/build.gradle': "plugins { id 'org.springframework.boot' version '3.3.0' }", 'web/src/main/java/B.java': 'class B {}', 'lib/pom.xml': '<project/>', 'lib/src/main/java/C.java': 'class C {}' })),
    )
    expect(modules).toEqual([
      { dir: 'api', effects: [] },
      { dir: 'web', effects: [] },
    ])
  })
})
