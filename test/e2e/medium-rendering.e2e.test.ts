/**
 * What Medium really shows (issue 11), through dist/index.js against the Medium emulator: the posted
 * content and payload of one article that uses every rule of DESIGN.md "Rendering for Medium".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { png } from '../fixtures/images/tiny-images.js'
import { startMediumEmulator, type MediumEmulator } from '../support/medium-emulator.js'
import { filesModeInputs, makeWorkspace, runAction, type ActionRun } from '../support/run-action.js'

const TOKEN = 'mtok-SECRET-rendering-1b3d5f7a9c2e4b6d'

const ARTICLE = `---
title: Shipping articles from git
description: How we keep writing next to the code
cover: images/cover.png
date: 2021-03-04T05:06:07Z
tags: [git, writing, medium, github-actions, publishing]
---

Intro paragraph.

## The setup

Text under a large heading.

### A detail

Text under a small heading.

<iframe src="https://www.youtube.com/embed/jNQXAC9IVRw" width="560" height="315"></iframe>

https://gist.github.com/octocat/6cad326836d38bd3a7ae

![The pipeline](images/cover.png "How an article travels")

![Only alt text](images/cover.png)

This is ~~gone~~ kept.

\`\`\`ts
const x = 1
\`\`\`

<p></p>
`

let medium: MediumEmulator
let run: ActionRun
let content: string
let body: Record<string, unknown>
beforeAll(async () => {
  medium = await startMediumEmulator({ users: [{ token: TOKEN }] })
  const workspace = await makeWorkspace({ 'content/article.md': ARTICLE, 'content/images/cover.png': png([10, 20, 30]) })
  run = await runAction({ workspace, inputs: filesModeInputs(medium, TOKEN, { images: 'upload' }) })
  body = medium.posts[0]!.body
  content = body.content as string
})
afterAll(async () => medium.close())

describe('an article as Medium gets it', () => {
  it('is published (exit 0)', () => {
    expect(run.exitCode, run.stdout).toBe(0)
    expect(medium.posts).toHaveLength(1)
  })

  it('starts with the title as <h1>, the subtitle as the only <h2>, then the cover', () => {
    expect(content).toMatch(
      /^<h1>Shipping articles from git<\/h1>\s*<h2>How we keep writing next to the code<\/h2>\s*<figure><img src="https:\/\/cdn-images/,
    )
    expect(content.match(/<h2>/g)).toHaveLength(1)
  })

  it('sends ## as the large heading (<h1>) and ### as the small one (<h3>)', () => {
    expect(content).toContain('<h1>The setup</h1>')
    expect(content).toContain('<h3>A detail</h3>')
  })

  it('sends a past date as publishedAt', () => {
    expect(body.publishedAt).toBe('2021-03-04T05:06:07.000Z')
  })

  it('turns a YouTube iframe into its page URL alone in a paragraph, and keeps a bare Gist URL a bare link', () => {
    expect(content).not.toContain('<iframe')
    expect(content).toMatch(
      /<p><a href="https:\/\/www\.youtube\.com\/watch\?v=jNQXAC9IVRw">https:\/\/www\.youtube\.com\/watch\?v=jNQXAC9IVRw<\/a><\/p>/,
    )
    expect(content).toContain(
      '<p><a href="https://gist.github.com/octocat/6cad326836d38bd3a7ae">https://gist.github.com/octocat/6cad326836d38bd3a7ae</a></p>',
    )
  })

  it('captions an image from its title only; alt text stays alt', () => {
    expect(content).toMatch(/<figure><img src="[^"]+" alt="The pipeline"><figcaption>How an article travels<\/figcaption><\/figure>/)
    expect(content).toMatch(/<figure><img src="[^"]+" alt="Only alt text"><\/figure>/)
  })

  it('keeps strikethrough visibly struck', () => {
    expect(content).toContain('g\u0336o\u0336n\u0336e\u0336')
  })

  it('sends no empty element and no code language, and warns about no language', () => {
    expect(content).not.toMatch(/<(p|figcaption|strong|em|a)(\s[^>]*)?>\s*<\/\1>/)
    expect(content).toContain('<pre><code>const x = 1\n</code></pre>')
    expect(run.annotations.map((a) => a.title)).not.toContain('code-language')
  })

  it('sends the first 3 of 5 tags, with a warning naming each tag left out', () => {
    expect(body.tags).toEqual(['git', 'writing', 'medium'])
    const left = run.annotations.filter((a) => a.title === 'tags-too-many')
    expect(left.map((a) => a.level)).toEqual(['warning', 'warning'])
    expect(left.map((a) => a.message).join(' ')).toMatch(/"github-actions".*"publishing"/)
  })
})
