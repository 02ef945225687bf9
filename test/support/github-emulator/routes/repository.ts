// GET /repos/{o}/{r}: the repository itself.
import type { Route } from '../router.js'
import { apiRepoUrl, htmlRepoUrl, type EmulatorState } from '../state.js'

export function repositoryRoutes(state: EmulatorState, route: Route): void {
  const { options } = state
  route('GET', '', async () => [
    200,
    {
      id: 1296269,
      node_id: 'R_emulated',
      name: options.repo,
      full_name: `${options.owner}/${options.repo}`,
      owner: { login: options.owner, type: 'User' },
      private: options.private ?? false,
      visibility: options.private ? 'private' : 'public',
      default_branch: state.defaultBranch,
      html_url: htmlRepoUrl(state),
      url: apiRepoUrl(state),
    },
  ])
}
