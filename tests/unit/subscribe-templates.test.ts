// The template configuration against itself and against README's table of templates to apply for.
import fs from 'fs'
import path from 'path'
import { SUBSCRIBE_TEMPLATES } from '../../miniprogram/subscribe-templates'

const templates = Object.entries(SUBSCRIBE_TEMPLATES)
const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8')

test('template ids are distinct, and each field is a WeChat keyword type with a number', () => {
  expect(new Set(templates.map(([, t]) => t.id)).size).toBe(templates.length)
  for (const [key, t] of templates) {
    const names = Object.values(t.fields).map((f) => f.name)
    expect([key, new Set(names).size]).toEqual([key, names.length])
    for (const name of names)
      expect([key, name]).toEqual([
        key,
        expect.stringMatching(/^(thing|name|phrase|time|date)\d+$/),
      ])
  }
})

test('README lists every template with its title and each keyword with its field name', () => {
  const rows = readme.split('\n').filter((line) => line.startsWith('| `'))
  for (const [key, t] of templates) {
    const row = rows.find((r) => r.startsWith(`| \`${key}\` |`)) ?? `(no row for ${key})`
    expect(row).toContain(`| ${t.title} |`)
    for (const f of Object.values(t.fields)) expect(row).toContain(`${f.label} \`${f.name}\``)
  }
})
