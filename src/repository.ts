/** The repository and commit a run works on, and the URLs of its files. */
export interface Repository {
  /** `https://github.com`, or a GitHub Enterprise Server. */
  serverUrl: string
  owner: string
  repo: string
  /** The commit the run checked out. */
  sha: string
}

const encodePath = (filePath: string): string => filePath.split('/').map(encodeURIComponent).join('/')

/** `{server}/{owner}/{repo}/blob/{sha}/`: a file's page on GitHub is this plus its (encoded) path. */
export function blobBase(repository: Repository): string {
  return `${repository.serverUrl}/${repository.owner}/${repository.repo}/blob/${repository.sha}/`
}

/**
 * A file as people with access to the repository see it: a blob URL with `?raw=true` shows images of
 * private repositories too (raw.githubusercontent.com would not). For previews in the summary and comment.
 */
export function blobRawUrl(repository: Repository, filePath: string): string {
  return `${blobBase(repository)}${encodePath(filePath)}?raw=true`
}

/** The file's raw URL pinned to the commit, which Medium fetches and copies when the post is created. */
export function rawFileUrl(repository: Repository, filePath: string): string {
  if (/^https:\/\/github\.com$/i.test(repository.serverUrl)) {
    return `https://raw.githubusercontent.com/${repository.owner}/${repository.repo}/${repository.sha}/${encodePath(filePath)}`
  }
  return `${repository.serverUrl}/${repository.owner}/${repository.repo}/raw/${repository.sha}/${encodePath(filePath)}`
}

export function commitUrl(repository: Omit<Repository, 'sha'>, sha: string): string {
  return `${repository.serverUrl}/${repository.owner}/${repository.repo}/commit/${sha}`
}
