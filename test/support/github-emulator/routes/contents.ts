// File contents at a ref, and the comparison of two commits.
import type { TreeEntry } from '../git.js'
import { base64Wrapped, commitJson } from '../json.js'
import { HttpError, type Route } from '../router.js'
import { apiRepoUrl, htmlRepoUrl, resolveCommit, type EmulatorState } from '../state.js'

export function contentsRoutes(state: EmulatorState, route: Route): void {
  const { repo, options } = state

  route('GET', '/contents{path*}', async ({ params, query }) => {
    const path = (params[0] ?? '').replace(/^\/+|\/+$/g, '')
    const ref = query.get('ref') || state.defaultBranch
    const commit = await resolveCommit(state, ref)
    if (!commit) throw new HttpError(404, `No commit found for the ref ${ref}`)
    const contentJson = (e: TreeEntry, full: boolean, bytes?: Buffer): Record<string, unknown> => {
      const type = e.type === 'tree' ? 'dir' : e.type === 'commit' ? 'submodule' : e.mode === '120000' ? 'symlink' : 'file'
      const json: Record<string, unknown> = {
        type,
        name: e.path.slice(e.path.lastIndexOf('/') + 1),
        path: e.path,
        sha: e.sha,
        size: e.size ?? 0,
        url: `${apiRepoUrl(state)}/contents/${e.path}?ref=${encodeURIComponent(ref)}`,
        html_url: `${htmlRepoUrl(state)}/blob/${ref}/${e.path}`,
        git_url: `${apiRepoUrl(state)}/git/${e.type === 'tree' ? 'trees' : 'blobs'}/${e.sha}`,
        download_url: type === 'file' ? `${state.baseUrl}/raw/${options.owner}/${options.repo}/${ref}/${e.path}` : null,
      }
      if (full && bytes) {
        // Like GitHub: files over 1 MB come back without content ("encoding": "none").
        if (bytes.length > 1024 * 1024) Object.assign(json, { content: '', encoding: 'none' })
        else Object.assign(json, { content: base64Wrapped(bytes), encoding: 'base64' })
      }
      return json
    }
    if (path === '') return [200, (await repo.lsTree(commit, false)).map((e) => contentJson(e, false))]
    const [entry] = await repo.lsTree(commit, false, [path])
    if (!entry || entry.path !== path) throw new HttpError(404, 'Not Found')
    if (entry.type === 'tree')
      return [200, (await repo.lsTree(`${commit}:${path}`, false)).map((e) => contentJson({ ...e, path: `${path}/${e.path}` }, false))]
    const bytes = entry.type === 'blob' ? await repo.readBlob(entry.sha) : undefined
    return [200, contentJson(entry, true, bytes)]
  })

  route('GET', '/compare/{basehead+}', async ({ params, query }) => {
    const basehead = params[0]!
    const sep = basehead.indexOf('...')
    if (sep === -1) throw new HttpError(404, 'Not Found')
    const base = await resolveCommit(state, basehead.slice(0, sep))
    const head = await resolveCommit(state, basehead.slice(sep + 3))
    if (!base || !head) throw new HttpError(404, `No common ancestor between ${basehead.slice(0, sep)} and ${basehead.slice(sep + 3)}.`)
    let mergeBase: string
    try {
      mergeBase = await repo.text(['merge-base', base, head])
    } catch {
      throw new HttpError(404, `No common ancestor between ${basehead.slice(0, sep)} and ${basehead.slice(sep + 3)}.`)
    }
    const aheadShas = (await repo.text(['rev-list', '--reverse', `${base}..${head}`])).split('\n').filter(Boolean)
    const behindBy = Number(await repo.text(['rev-list', '--count', `${head}..${base}`]))
    const status =
      aheadShas.length === 0 && behindBy === 0 ? 'identical' : behindBy === 0 ? 'ahead' : aheadShas.length === 0 ? 'behind' : 'diverged'
    const paging = query.has('per_page') || query.has('page')
    const perPage = Math.min(Math.max(Number(query.get('per_page') ?? 250) || 250, 1), paging ? 100 : 250)
    const page = Math.max(Number(query.get('page') ?? 1) || 1, 1)
    const pageShas = aheadShas.slice((page - 1) * perPage, page * perPage)
    const json: Record<string, unknown> = {
      url: `${apiRepoUrl(state)}/compare/${basehead}`,
      html_url: `${htmlRepoUrl(state)}/compare/${basehead}`,
      status,
      ahead_by: aheadShas.length,
      behind_by: behindBy,
      total_commits: aheadShas.length,
      base_commit: await commitJson(state, base),
      merge_base_commit: await commitJson(state, mergeBase),
      commits: await Promise.all(pageShas.map(async (sha) => ({ sha, commit: await commitJson(state, sha) }))),
    }
    // Like GitHub: with paging, the files (all of them, at most 300) come only with page 1.
    if (page === 1) json.files = await compareFiles(mergeBase, head)
    const headers: Record<string, string> = {}
    if (paging) {
      const last = Math.max(Math.ceil(aheadShas.length / perPage), 1)
      const link = (p: number): string => `<${apiRepoUrl(state)}/compare/${basehead}?per_page=${perPage}&page=${p}>`
      const links: string[] = []
      if (page < last) links.push(`${link(page + 1)}; rel="next"`, `${link(last)}; rel="last"`)
      if (page > 1) links.push(`${link(1)}; rel="first"`, `${link(page - 1)}; rel="prev"`)
      if (links.length) headers.link = links.join(', ')
    }
    return [200, json, headers]
  })

  async function compareFiles(from: string, to: string): Promise<unknown[]> {
    const nameStatus = (await repo.run(['diff', '--name-status', '-z', '-M', from, to])).toString('utf8').split('\0')
    const numstat = (await repo.run(['diff', '--numstat', '-z', '-M', from, to])).toString('utf8')
    const counts = new Map<string, [number, number]>()
    // numstat -z: "added\tdeleted\tpath\0" or, for renames, "added\tdeleted\t\0old\0new\0"
    const parts = numstat.split('\0')
    for (let i = 0; i < parts.length; i++) {
      const m = /^(\d+|-)\t(\d+|-)\t(.*)$/.exec(parts[i]!)
      if (!m) continue
      const path = m[3] === '' ? parts[(i += 2)]! : m[3]!
      counts.set(path, [m[1] === '-' ? 0 : Number(m[1]), m[2] === '-' ? 0 : Number(m[2])])
    }
    const files: unknown[] = []
    for (let i = 0; i < nameStatus.length;) {
      const code = nameStatus[i++]
      if (!code) break
      const letter = code[0]!
      let previous: string | undefined
      if (letter === 'R' || letter === 'C') previous = nameStatus[i++]
      const filename = nameStatus[i++]!
      const status = { A: 'added', D: 'removed', M: 'modified', R: 'renamed', C: 'copied', T: 'changed' }[letter] ?? 'changed'
      const [additions, deletions] = counts.get(filename) ?? [0, 0]
      const sha = (await repo.resolve(`${letter === 'D' ? from : to}:${filename}`)) ?? null
      const file: Record<string, unknown> = { sha, filename, status, additions, deletions, changes: additions + deletions }
      if (previous !== undefined) file.previous_filename = previous
      files.push(file)
    }
    return files.slice(0, 300)
  }
}
