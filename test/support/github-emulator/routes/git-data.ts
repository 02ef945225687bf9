// The Git database API: refs, commits, trees and blobs (GET and POST), and PATCH of a ref with the
// faults a test can ask for (a hook before the update, failures, protected branches).
import { ZERO_OID, type TreeChange } from '../git.js'
import { base64Wrapped, commitJson, refJson, treeJson } from '../json.js'
import { DOCS, HttpError, type Route } from '../router.js'
import { apiRepoUrl, type EmulatorState } from '../state.js'

export function gitDataRoutes(state: EmulatorState, route: Route): void {
  const { repo } = state

  route('GET', '/git/ref/{ref+}', async ({ params }) => {
    const ref = `refs/${params[0]}`
    const sha = await repo.resolve(ref)
    if (!sha) throw new HttpError(404, 'Not Found')
    return [200, refJson(state, ref, sha, (await repo.typeOf(sha)) === 'tag' ? 'tag' : 'commit')]
  })

  route('GET', '/git/matching-refs/{ref*}', async ({ params }) => {
    // GitHub matches a prefix of the name after `refs/` (heads/medium-publish/ matches every branch under it).
    const prefix = `refs/${params[0] ?? ''}`
    const listing = (await repo.run(['for-each-ref', '--format=%(refname) %(objectname)', 'refs/'])).toString('utf8')
    const refs = listing
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string])
      .filter(([ref]) => ref.startsWith(prefix))
      .map(([ref, sha]) => refJson(state, ref, sha))
    return [200, refs]
  })

  route('GET', '/git/commits/{sha}', async ({ params }) => {
    const sha = params[0]!
    if ((await repo.typeOf(sha)) !== 'commit') throw new HttpError(404, 'Not Found')
    return [200, await commitJson(state, sha)]
  })

  route('GET', '/git/trees/{tree+}', async ({ params, query }) => {
    const name = params[0]!
    const treeSha = /^[0-9a-f]{40}$/.test(name)
      ? await repo.resolve(`${name}^{tree}`)
      : ((await repo.resolve(`refs/heads/${name}^{tree}`)) ?? (await repo.resolve(`refs/tags/${name}^{tree}`)))
    if (!treeSha) throw new HttpError(404, 'Not Found')
    const recursive = query.has('recursive') && !['0', 'false', ''].includes(query.get('recursive') ?? '')
    return [200, await treeJson(state, treeSha, recursive)]
  })

  route('GET', '/git/blobs/{sha}', async ({ params }) => {
    const sha = params[0]!
    if ((await repo.typeOf(sha)) !== 'blob') throw new HttpError(404, 'Not Found')
    const bytes = await repo.readBlob(sha)
    return [
      200,
      {
        sha,
        node_id: '',
        size: bytes.length,
        url: `${apiRepoUrl(state)}/git/blobs/${sha}`,
        content: base64Wrapped(bytes),
        encoding: 'base64',
      },
    ]
  })

  route('POST', '/git/blobs', async ({ body }) => {
    const { content, encoding = 'utf-8' } = body
    if (typeof content !== 'string') throw new HttpError(422, 'Invalid request.\n\n"content" wasn\'t supplied.')
    if (encoding !== 'utf-8' && encoding !== 'base64')
      throw new HttpError(422, `Invalid request.\n\nencoding "${String(encoding)}" is not supported.`)
    const sha = await repo.hashBlob(encoding === 'base64' ? Buffer.from(content, 'base64') : Buffer.from(content, 'utf8'))
    return [201, { url: `${apiRepoUrl(state)}/git/blobs/${sha}`, sha }]
  })

  route('POST', '/git/trees', async ({ body }) => {
    const { base_tree: baseTree, tree } = body
    if (!Array.isArray(tree)) throw new HttpError(422, 'Invalid request.\n\n"tree" wasn\'t supplied.')
    if (baseTree !== undefined && baseTree !== null) {
      if (typeof baseTree !== 'string' || (await repo.typeOf(baseTree)) !== 'tree') {
        throw new HttpError(422, `base_tree ${JSON.stringify(baseTree)} is not a valid tree oid`)
      }
    }
    const changes: TreeChange[] = []
    for (const raw of tree as Record<string, unknown>[]) {
      const { path, mode, type, sha, content } = raw
      if (typeof path !== 'string') throw new HttpError(422, 'Invalid tree info: "path" wasn\'t supplied.')
      if (typeof mode !== 'string' || !['100644', '100755', '040000', '160000', '120000'].includes(mode)) {
        throw new HttpError(
          422,
          `Invalid tree info: mode ${JSON.stringify(mode)} for "${path}" is not one of 100644, 100755, 040000, 160000, 120000`,
        )
      }
      if (content !== undefined && sha !== undefined) {
        throw new HttpError(422, `Invalid tree info: "${path}" has both "sha" and "content"; send one`)
      }
      if (typeof content === 'string') {
        if (type !== undefined && type !== 'blob')
          throw new HttpError(422, `Invalid tree info: "${path}" has content but type "${String(type)}"`)
        changes.push({ path, mode, content })
      } else if (sha === null) {
        changes.push({ path, delete: true })
      } else if (typeof sha === 'string') {
        const t = type ?? (mode === '040000' ? 'tree' : mode === '160000' ? 'commit' : 'blob')
        if (t !== 'blob' && t !== 'tree' && t !== 'commit') throw new HttpError(422, `Invalid tree info: type "${String(t)}"`)
        changes.push({ path, mode, type: t, sha })
      } else {
        throw new HttpError(422, `Invalid tree info: "${path}" needs "sha" or "content"`)
      }
    }
    const sha = await repo.buildTree(typeof baseTree === 'string' ? baseTree : undefined, changes)
    return [201, await treeJson(state, sha, false)]
  })

  route('POST', '/git/commits', async ({ body }) => {
    const { message, tree, parents = [], author, committer } = body
    if (typeof message !== 'string') throw new HttpError(422, 'Invalid request.\n\n"message" wasn\'t supplied.')
    if (typeof tree !== 'string' || (await repo.typeOf(tree)) !== 'tree') throw new HttpError(422, 'Tree SHA does not exist')
    if (!Array.isArray(parents)) throw new HttpError(422, 'Invalid request.\n\n"parents" must be an array.')
    for (const p of parents) {
      if (typeof p !== 'string' || (await repo.typeOf(p)) !== 'commit') {
        throw new HttpError(422, 'Parent SHA does not exist or is not a commit object')
      }
    }
    const sha = await repo.commitTree(
      tree,
      parents as string[],
      message,
      author as { name?: string; email?: string; date?: string } | undefined,
      committer as { name?: string; email?: string; date?: string } | undefined,
    )
    return [201, await commitJson(state, sha)]
  })

  route('PATCH', '/git/refs/{ref+}', async ({ params, body }) => {
    const ref = `refs/${params[0]}`
    const branch = ref.startsWith('refs/heads/') ? ref.slice('refs/heads/'.length) : undefined
    const hook = state.refUpdateHooks.shift()
    if (hook && branch) await hook(branch)
    if (state.refUpdateFailures.remaining > 0) {
      state.refUpdateFailures.remaining--
      throw new HttpError(state.refUpdateFailures.status, state.refUpdateFailures.message)
    }
    const { sha, force = false } = body
    if (typeof sha !== 'string') throw new HttpError(422, 'Invalid request.\n\n"sha" wasn\'t supplied.')
    const current = await repo.resolve(ref)
    if (!current) throw new HttpError(422, 'Reference does not exist')
    if ((await repo.typeOf(sha)) !== 'commit') throw new HttpError(422, 'Object does not exist')
    const protection = branch ? state.protectedBranches.get(branch) : undefined
    if (protection === 'branch-protection') throw new HttpError(422, `Protected branch update failed for ${ref}.`)
    if (protection === 'ruleset') {
      throw new HttpError(409, 'Repository rule violations found\n\nChanges must be made through a pull request.\n\n', {
        documentation_url: `${DOCS}/git/refs#update-a-reference`,
      })
    }
    if (force !== true && current !== sha) {
      try {
        await repo.run(['merge-base', '--is-ancestor', current, sha])
      } catch {
        throw new HttpError(422, 'Update is not a fast forward')
      }
    }
    if (!(await repo.updateRef(ref, sha, current))) {
      // The ref moved between the read and the swap: for a non-forced update that is a non-fast-forward.
      throw new HttpError(422, 'Update is not a fast forward')
    }
    return [200, refJson(state, ref, sha)]
  })

  route('POST', '/git/refs', async ({ body }) => {
    const { ref, sha } = body
    if (typeof ref !== 'string' || !/^refs\/[^/]+\/.+/.test(ref)) {
      throw new HttpError(422, `Reference name ${JSON.stringify(ref)} is not well formed: expected "refs/heads/<name>"`)
    }
    try {
      await repo.run(['check-ref-format', ref])
    } catch {
      throw new HttpError(422, `${ref} is not a valid ref name.`)
    }
    if (typeof sha !== 'string' || (await repo.typeOf(sha)) === undefined) throw new HttpError(422, 'Object does not exist')
    if (await repo.resolve(ref)) throw new HttpError(422, 'Reference already exists')
    if (!(await repo.updateRef(ref, sha, ZERO_OID))) throw new HttpError(422, 'Reference already exists')
    return [201, refJson(state, ref, sha, (await repo.typeOf(sha)) === 'tag' ? 'tag' : 'commit')]
  })

  // Annotated tag objects: medium-publish-action points its claim refs at one (its message says which run claimed).
  route('POST', '/git/tags', async ({ body }) => {
    const {
      tag,
      message,
      object,
      type = 'commit',
      tagger,
    } = body as {
      tag?: unknown
      message?: unknown
      object?: unknown
      type?: unknown
      tagger?: { name?: string; email?: string; date?: string }
    }
    if (typeof tag !== 'string' || typeof message !== 'string' || typeof object !== 'string')
      throw new HttpError(422, 'Invalid request.\n\n"tag", "message" and "object" are required.')
    if ((await repo.typeOf(object)) !== type) throw new HttpError(422, 'Object does not exist')
    const who = `${tagger?.name ?? 'github-actions[bot]'} <${tagger?.email ?? '41898282+github-actions[bot]@users.noreply.github.com'}>`
    const seconds = Math.floor((tagger?.date ? Date.parse(tagger.date) : Date.now()) / 1000)
    const text = `object ${object}\ntype ${String(type)}\ntag ${tag}\ntagger ${who} ${seconds} +0000\n\n${message}`
    const sha = await repo.text(['mktag'], { input: text })
    return [201, { sha, tag, message, object: { sha: object, type }, url: `${apiRepoUrl(state)}/git/tags/${sha}` }]
  })

  route('GET', '/git/tags/{sha}', async ({ params }) => {
    const sha = params[0]!
    if ((await repo.typeOf(sha)) !== 'tag') throw new HttpError(404, 'Not Found')
    const raw = (await repo.run(['cat-file', 'tag', sha])).toString('utf8')
    const [headers = '', ...rest] = raw.split('\n\n')
    const field = (name: string) => new RegExp(`^${name} (.*)$`, 'm').exec(headers)?.[1] ?? ''
    return [200, { sha, tag: field('tag'), message: rest.join('\n\n'), object: { sha: field('object'), type: field('type') } }]
  })

  route('DELETE', '/git/refs/{ref+}', async ({ params }) => {
    const ref = `refs/${params[0]}`
    const current = await repo.resolve(ref)
    if (!current) throw new HttpError(422, 'Reference does not exist')
    await repo.run(['update-ref', '-d', ref, current])
    return [204, undefined]
  })
}
