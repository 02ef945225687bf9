// The JSON shapes GitHub answers with, for the emulator's refs, commits, trees, blobs, pull requests and
// comments (URLs point back at the emulator).
import { BOT, type TreeEntry } from './git.js'
import { apiRepoUrl, htmlRepoUrl, type CommentRecord, type EmulatorState, type PullRequestRecord } from './state.js'

/** A ref as GitHub answers it; `type` is what it points at (`tag` for an annotated tag object). */
export function refJson(state: EmulatorState, ref: string, sha: string, type: 'commit' | 'tag' = 'commit'): unknown {
  return {
    ref,
    node_id: Buffer.from(ref).toString('base64'),
    url: `${apiRepoUrl(state)}/git/${ref}`,
    object: { sha, type, url: `${apiRepoUrl(state)}/git/${type === 'tag' ? 'tags' : 'commits'}/${sha}` },
  }
}

export async function commitJson(state: EmulatorState, sha: string): Promise<unknown> {
  const c = await state.repo.readCommit(sha)
  const api = apiRepoUrl(state)
  const html = htmlRepoUrl(state)
  return {
    sha,
    node_id: Buffer.from(`commit:${sha}`).toString('base64'),
    url: `${api}/git/commits/${sha}`,
    html_url: `${html}/commit/${sha}`,
    author: c.author,
    committer: c.committer,
    message: c.message,
    tree: { sha: c.tree, url: `${api}/git/trees/${c.tree}` },
    parents: c.parents.map((p) => ({ sha: p, url: `${api}/git/commits/${p}`, html_url: `${html}/commit/${p}` })),
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  }
}

function treeEntryJson(state: EmulatorState, e: TreeEntry): unknown {
  const entry: Record<string, unknown> = { path: e.path, mode: e.mode, type: e.type, sha: e.sha }
  if (e.type === 'blob') {
    entry.size = e.size
    entry.url = `${apiRepoUrl(state)}/git/blobs/${e.sha}`
  } else if (e.type === 'tree') entry.url = `${apiRepoUrl(state)}/git/trees/${e.sha}`
  return entry
}

export async function treeJson(state: EmulatorState, treeSha: string, recursive: boolean): Promise<unknown> {
  const entries = await state.repo.lsTree(treeSha, recursive)
  return {
    sha: treeSha,
    url: `${apiRepoUrl(state)}/git/trees/${treeSha}`,
    tree: entries.map((e) => treeEntryJson(state, e)),
    truncated: false,
  }
}

export function commentJson(state: EmulatorState, c: CommentRecord): unknown {
  const pr = state.pulls.some((p) => p.number === c.issue_number)
  return {
    id: c.id,
    node_id: Buffer.from(`comment:${c.id}`).toString('base64'),
    url: `${apiRepoUrl(state)}/issues/comments/${c.id}`,
    html_url: `${htmlRepoUrl(state)}/${pr ? 'pull' : 'issues'}/${c.issue_number}#issuecomment-${c.id}`,
    issue_url: `${apiRepoUrl(state)}/issues/${c.issue_number}`,
    body: c.body,
    user: c.user,
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: 'NONE',
  }
}

export function pullJson(state: EmulatorState, p: PullRequestRecord): unknown {
  const { owner } = state.options
  return {
    id: 5_000_000 + p.number,
    node_id: Buffer.from(`pull:${p.number}`).toString('base64'),
    number: p.number,
    state: p.state,
    title: p.title,
    body: p.body,
    draft: false,
    url: `${apiRepoUrl(state)}/pulls/${p.number}`,
    html_url: p.html_url,
    head: { label: `${owner}:${p.head}`, ref: p.head, sha: p.headSha },
    base: { label: `${owner}:${p.base}`, ref: p.base },
    user: { login: BOT.name, type: 'Bot' },
  }
}

/** Base64 in lines of 60 characters, as GitHub sends blob and file content. */
export function base64Wrapped(bytes: Buffer): string {
  const b64 = bytes.toString('base64')
  return (b64.match(/.{1,60}/g) ?? []).map((l) => l + '\n').join('')
}
