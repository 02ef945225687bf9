// Pull requests (POST) and the comments of an issue or a pull request.
import { BOT } from '../git.js'
import { commentJson, pullJson } from '../json.js'
import { HttpError, type Route } from '../router.js'
import { apiRepoUrl, htmlRepoUrl, issueExists, newComment, type EmulatorState, type PullRequestRecord } from '../state.js'

export function pullsRoutes(state: EmulatorState, route: Route): void {
  const { repo, options, pulls, comments } = state

  route('POST', '/pulls', async ({ body }) => {
    const { title, head, base, body: text = '' } = body
    const invalid = (field: string): HttpError =>
      new HttpError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field, code: 'invalid' }] })
    if (typeof base !== 'string' || !(await repo.resolve(`refs/heads/${base}`))) throw invalid('base')
    const headName = typeof head === 'string' ? head.replace(new RegExp(`^${options.owner}:`), '') : undefined
    const headSha = headName ? await repo.resolve(`refs/heads/${headName}`) : undefined
    if (!headName || !headSha) throw invalid('head')
    if (typeof title !== 'string' || title === '') {
      throw new HttpError(422, 'Validation Failed', { errors: [{ resource: 'PullRequest', field: 'title', code: 'missing_field' }] })
    }
    const ahead = Number(await repo.text(['rev-list', '--count', `refs/heads/${base}..${headSha}`]))
    if (ahead === 0) {
      throw new HttpError(422, 'Validation Failed', {
        errors: [{ resource: 'PullRequest', code: 'custom', message: `No commits between ${base} and ${headName}` }],
      })
    }
    if (pulls.some((p) => p.state === 'open' && p.head === headName && p.base === base)) {
      throw new HttpError(422, 'Validation Failed', {
        errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${options.owner}:${headName}.` }],
      })
    }
    const number = state.nextNumber++
    const pr: PullRequestRecord = {
      number,
      title,
      body: typeof text === 'string' ? text : '',
      head: headName,
      base,
      headSha,
      state: 'open',
      html_url: `${htmlRepoUrl(state)}/pull/${number}`,
    }
    pulls.push(pr)
    return [201, pullJson(state, pr)]
  })

  route('GET', '/issues/{n}/comments', async ({ params, query }) => {
    const n = Number(params[0])
    if (!issueExists(state, n)) throw new HttpError(404, 'Not Found')
    const all = comments.filter((c) => c.issue_number === n)
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 30) || 30, 1), 100)
    const page = Math.max(Number(query.get('page') ?? 1) || 1, 1)
    const last = Math.max(Math.ceil(all.length / perPage), 1)
    const link = (p: number): string => `<${apiRepoUrl(state)}/issues/${n}/comments?per_page=${perPage}&page=${p}>`
    const links: string[] = []
    if (page < last) links.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
    if (page > 1) links.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`)
    const headers: Record<string, string> = links.length ? { link: links.join(', ') } : {}
    return [200, all.slice((page - 1) * perPage, page * perPage).map((c) => commentJson(state, c)), headers]
  })

  route('POST', '/issues/{n}/comments', async ({ params, body }) => {
    const n = Number(params[0])
    if (!issueExists(state, n)) throw new HttpError(404, 'Not Found')
    if (typeof body.body !== 'string' || body.body === '') throw new HttpError(422, 'Invalid request.\n\n"body" wasn\'t supplied.')
    const c = newComment(state, n, body.body, BOT.name)
    return [201, commentJson(state, c)]
  })

  route('PATCH', '/issues/comments/{id}', async ({ params, body }) => {
    const c = comments.find((x) => x.id === Number(params[0]))
    if (!c) throw new HttpError(404, 'Not Found')
    if (typeof body.body !== 'string' || body.body === '') throw new HttpError(422, 'Invalid request.\n\n"body" wasn\'t supplied.')
    c.body = body.body
    c.updated_at = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z')
    return [200, commentJson(state, c)]
  })
}
