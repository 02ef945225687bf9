// Types of scripts/release.mjs for the TypeScript tests (the script stays plain JavaScript so the
// release workflow runs it with node alone).
export function checkReleaseTag(
  tag: string,
  packageVersion: string,
): { ok: true; version: string; major: string } | { ok: false; error: string }
export function changelogSection(changelog: string, version: string): { ok: true; notes: string } | { ok: false; error: string }
export function isNewestOfMajor(version: string, tags: string[]): boolean
export function moveMajorTagCommands(tag: string, major: string, remote?: string): string[][]
export function main(
  argv: string[],
  io?: { cwd?: string; remote?: string; stdout?: (s: string) => void; stderr?: (s: string) => void },
): number
