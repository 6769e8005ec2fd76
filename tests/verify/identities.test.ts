import { describe, expect, it } from 'vitest'
import { classifyIdentity, maskIdentity, type IdentityField } from '../../src/verify/identities.js'

const cases: Array<[IdentityField, string, RegExp | undefined]> = []
const t = (field: IdentityField, value: string, why?: RegExp) => cases.push([field, value, why])

// test data
t('email', 'user1@test.com', /test domain test\.com/)
t('email', 'jane@example.org', /test domain example\.org/)
t('email', 'someone@staging.example.com', /test domain/)
t('email', 'a@shop.test', /test domain shop\.test/)
t('email', 'x9@mailinator.com', /test domain mailinator\.com/)
t('email', 'user12@gmail.com', /demo mailbox user12/)
t('email', 'test@gmail.com', /demo mailbox test/)
t('email', 'demo.user@company.io', /demo mailbox demo\.user/)
t('email', 'testuser3@yahoo.com', /demo mailbox testuser3/)
t('email', 'fake_account@hotmail.com', /demo mailbox/)
t('email', 'seed-admin@acme.com', /demo mailbox/)
t('email', 'maria+test@gmail.com', /\+test sub-address/)
t('email', 'john.doe@gmail.com', /placeholder mailbox/)
t('username', 'user1', /demo words/)
t('username', 'test01', /demo words/)
t('username', 'DemoUser', /demo words/)
t('name', 'Test User 12', /placeholder/)
t('name', 'John Doe', /placeholder/)
// real people who merely resemble it (the cleanup discussion's examples and gen.mjs's lookalikes)
t('email', 'contest.winner@gmail.com')
t('email', 'testa.maria@libero.it')
t('email', 'demo.gonzalez@outlook.com')
t('email', 'john.tester@gmail.com')
t('email', 'demos.papadakis@gmail.com')
t('email', 'ademola.okafor@yahoo.com')
t('email', 'latest_news12@gmail.com')
t('email', 'seedling.garden@web.de')
t('email', 'usersupport@company.com')
t('email', 'anna@demodesk.com')
t('email', 'k.lee@seedcamp.com')
t('email', 'ops@testable.co.uk')
t('email', 'maria+news@gmail.com')
t('email', 'admin@lumenfield.io')
t('email', 'user@gmail.com')
t('email', 'Kenna.Schultz@yahoo.com')
t('username', 'maria87')
t('username', 'coffee_anna')
t('username', 'datacode12')
t('name', 'Maria Testa')
t('name', 'Admin')
t('name', 'Demetrio González')

describe('classifyIdentity', () => {
  it.each(cases)('%s %s', (field, value, why) => {
    const got = classifyIdentity(field, value)
    if (why) expect(got).toMatch(why)
    else expect(got).toBeUndefined()
  })

  it('takes more test domains from the options', () => {
    expect(classifyIdentity('email', 'qa1@acme-staging.io', ['acme-staging.io'])).toBe('test domain acme-staging.io')
  })
})

describe('maskIdentity', () => {
  it('masks people and shows test data whole', () => {
    expect(maskIdentity('email', 'maria.garcia@gmail.com')).toBe('m***@gmail.com')
    expect(maskIdentity('email', 'user1@test.com')).toBe('user1@test.com')
    expect(maskIdentity('name', 'Maria García')).toBe('M*** G***')
  })
})
