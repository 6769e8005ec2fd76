import { describe, expect, it } from 'vitest'
import dotnet from '../../src/seeds/dotnet.js'
import { confidenceOf, migratesOf } from './table.js'

describe('dotnet', () => {
  it.each([
    ['dotnet run --project src/Api -- --seed', 'low'],
    ['dotnet run -c Release -- seed', 'low'],
    ['dotnet run -- --seed-data --verbose', 'low'],
    ['dotnet run -- /seed', 'low'],
    ['dotnet out/Api.dll --seed', 'low'],
    ['dotnet run --project src/Api', 'none'],
    ['dotnet run -- --seed=false', 'none'],
    ['dotnet run -- --skip-seed', 'none'],
    ['dotnet run -- --seedling', 'none'],
    ['dotnet out/Api.dll', 'none'],
    ['dotnet test -- --seed 42', 'none'],
    ['dotnet ef database update', 'none'],
    ['go run ./cmd/api -- --seed', 'none'],
  ])('%s → %s', (line, expected) => {
    expect(confidenceOf(dotnet, line)).toBe(expected)
  })

  it.each([
    ['dotnet ef database update --project src/Api', true],
    ['dotnet ef migrations add Init', false],
    ['dotnet run -- --seed', false],
  ])('migrates: %s → %s', (line, expected) => {
    expect(migratesOf(dotnet, line)).toBe(expected)
  })
})
