/**
 * The arguments of a Hugo shortcode or a Liquid tag, as their generators read them.
 *
 * `{{< figure src="a.png" caption="A \"b\"" >}}` has named arguments,
 * `{{< youtube w7Ft2ymGmfc >}}` positional ones; `"…"` and `` `…` `` (Hugo)
 * or `'…'` (Liquid) quote a value with spaces.
 */
export interface TagArguments {
  /** `/notice` for a closing tag. */
  name: string
  positional: string[]
  named: Map<string, string>
  /** `{{< name />}}`: a paired shortcode with no content. */
  selfClosing: boolean
}

const TOKEN = /\s*(?:([\w.-]+)\s*=\s*)?("(?:[^"\\]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)*'|[^\s"'`]+)/y

function unquote(raw: string): string {
  if (raw.startsWith('`')) return raw.slice(1, -1)
  if (raw.startsWith('"') || raw.startsWith("'")) return raw.slice(1, -1).replace(/\\(.)/g, '$1')
  return raw
}

/** Split `name arg "quoted arg" key=value` (the text between the delimiters). */
export function parseTagArguments(inner: string): TagArguments {
  let text = inner.trim()
  const selfClosing = /\/$/.test(text) && !/^\/$/.test(text)
  if (selfClosing) text = text.slice(0, -1).trimEnd()
  const nameMatch = /^(\/?\s*[^\s/"'`]+|\/)/.exec(text)
  const name = (nameMatch?.[1] ?? '').replace(/\s+/g, '')
  const positional: string[] = []
  const named = new Map<string, string>()
  TOKEN.lastIndex = nameMatch?.[0].length ?? 0
  let match: RegExpExecArray | null
  while ((match = TOKEN.exec(text)) !== null) {
    const value = unquote(match[2]!)
    if (match[1] === undefined) positional.push(value)
    else named.set(match[1].toLowerCase(), value)
  }
  return { name, positional, named, selfClosing }
}

/** The text between a tag's delimiters: `{{< x >}}` -> ` x `, `{%- x -%}` -> ` x `. */
export function tagInner(value: string): string {
  const match = /^\{(?:\{[<%]|%-?|\{-?)([\s\S]*?)(?:[>%]\}\}|-?%\}|-?\}\})$/.exec(value)
  return match?.[1] ?? value
}
