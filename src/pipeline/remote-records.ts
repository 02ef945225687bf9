/**
 * Check records on GitHub: before anything is published in `commit` mode, each candidate is looked up
 * where a record this checkout cannot see may be (the branch head, a write-back branch); a URL or an
 * unresolved attempt found there means "do not publish" (see github/branch-records.ts).
 */
import { remoteRecordDiagnostic } from '../core/records/index.js'
import { errorMessage } from '../errors.js'
import type { Candidate } from './plan.js'
import type { ArticleReport, GitHubAccess } from './types.js'

export interface RemoteRecordsInput {
  candidates: readonly Candidate[]
  urlKey: string
  github: GitHubAccess
}

export interface RemoteRecordsResult {
  candidates: Candidate[]
  reports: ArticleReport[]
  /** The branch head seen now: the write-back commit builds on it. */
  head?: string
  fatal?: string
}

export async function checkRemoteRecords({ candidates, urlKey, github }: RemoteRecordsInput): Promise<RemoteRecordsResult> {
  if (candidates.length === 0) return { candidates: [], reports: [] }
  let found: Awaited<ReturnType<GitHubAccess['recordsOnBranch']>>
  try {
    found = await github.recordsOnBranch(candidates.map((c) => c.source.path))
  } catch (error) {
    const fatal = `Could not check GitHub for Medium URLs this checkout does not have yet (${errorMessage(error)}), so nothing was published: publishing now could post an article twice. The next run tries again.`
    const why = 'could not check the branch for newer records'
    const reports: ArticleReport[] = candidates.map((c) => ({
      path: c.source.path,
      status: 'failed',
      failure: { kind: 'not-sent', why },
      diagnostics: c.diagnostics,
    }))
    return { candidates: [], reports, fatal }
  }
  const reports: ArticleReport[] = []
  const remaining: Candidate[] = []
  for (const candidate of candidates) {
    const path = candidate.source.path
    const record = found.records.get(path)
    if (!record) {
      remaining.push(candidate)
      continue
    }
    const diagnostic = remoteRecordDiagnostic(path, record, urlKey)
    if (record.key !== urlKey) {
      reports.push({ path, status: 'invalid', diagnostics: [diagnostic] })
      continue
    }
    const skip = record.pending
      ? { kind: 'pending-merge' as const, branch: record.branch }
      : { kind: 'recorded-on-branch' as const, branch: record.branch }
    reports.push({ path, status: 'skipped', skip, url: record.value, diagnostics: [diagnostic] })
  }
  return { candidates: remaining, reports, head: found.head }
}
