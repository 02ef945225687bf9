/**
 * micromark + mdast extension: template tags as parsed nodes.
 *
 * Hugo shortcodes (`{{< name >}}`, `{{% name %}}`, and escaped ones, with a comment inside the delimiters),
 * Liquid (`{% tag %}`, `{{ output }}`) and Zola shortcodes (Liquid's delimiters) are recognised by the parser, so
 * code blocks and code spans (tokenized first) never contain one, and a tag
 * may span several lines. A tag alone on its line(s) is a block
 * (`generatorTag` in flow), anywhere else it is inline. Tags whose content is
 * code or literal text (`{% highlight %}…{% endhighlight %}`, `{% raw %}`,
 * `{% comment %}`, `{{< highlight >}}…{{< /highlight >}}`) take that content
 * with them, raw, blank lines included. The node's `value` is the source text;
 * the family's remark plugin gives it meaning.
 */
import type { Extension as FromMarkdownExtension, Token as MdastToken } from 'mdast-util-from-markdown'
import type { Code, Construct, Effects, Extension, State, TokenizeContext } from 'micromark-util-types'

/** A template tag as written (see `templateTagSyntax`). */
export interface GeneratorTag {
  type: 'generatorTag'
  /** The source text: the tag, and for raw tags their content and end tag. */
  value: string
  /** Hugo shortcode, Liquid tag (`{% %}`) or Liquid output (`{{ }}`). */
  family: TagFamily
  position?: import('unist').Position
}

export type TagFamily = 'shortcode' | 'liquidTag' | 'liquidOutput'

declare module 'mdast' {
  interface RootContentMap {
    generatorTag: GeneratorTag
  }
  interface PhrasingContentMap {
    generatorTag: GeneratorTag
  }
  interface BlockContentMap {
    generatorTag: GeneratorTag
  }
}

declare module 'micromark-util-types' {
  interface TokenTypeMap {
    generatorTag: 'generatorTag'
    generatorTagData: 'generatorTagData'
  }
}

/** Which families the parser recognises (the others stay text). */
export interface TemplateTagFamilies {
  hugo: boolean
  liquid: boolean
  /** Zola's shortcodes: Liquid's delimiters, and `{% name(…) %}` takes its body through `{% end %}`. */
  zola?: boolean
}

const LEFT_BRACE = 123
const RIGHT_BRACE = 125
const PERCENT = 37
const LESS_THAN = 60
/** A tag itself (not its raw content) longer than this is not a tag: stop scanning. */
const MAX_TAG_LENGTH = 4000

/** The end tag that closes a raw tag's content, by family and name. */
function rawEnd(family: TagFamily, name: string, families: TemplateTagFamilies): RegExp | undefined {
  if (families.zola && family === 'liquidTag' && /^[A-Za-z_]\w*\(/.test(name)) return /\{%-?\s*end\s*-?%\}$/
  if (family === 'liquidTag' && /^(?:highlight|raw|comment|codeblock)$/.test(name)) {
    return new RegExp(String.raw`\{%-?\s*end${name}\s*-?%\}$`)
  }
  if (family === 'shortcode' && name === 'highlight') return /\{\{([<%])\s*\/\s*highlight\s*\1\}\}$|\{\{<\s*\/\s*highlight\s*>\}\}$/
  return undefined
}

/** The tag's name: `figure`, `/notice`, `highlight`, `site.url`. */
export function tagName(value: string, family: TagFamily): string {
  const inner = value.slice(family === 'liquidTag' ? 2 : 3).replace(/^-/, '')
  return /^\s*(\/?\s*[^\s/*%>}|]+|\/)/.exec(inner)?.[1]?.replace(/\s+/g, '') ?? ''
}

const charOf = (code: number): string => (code === -2 ? '\t' : code === -1 ? '' : code < -2 ? '\n' : String.fromCharCode(code))
const isLineEnding = (code: Code): code is number => code !== null && code < -2

const nonLazyContinuation: Construct = { tokenize: tokenizeNonLazyContinuation, partial: true }

function tokenizeNonLazyContinuation(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
  return (code) => {
    if (!isLineEnding(code)) return nok(code)
    effects.enter('lineEnding')
    effects.consume(code)
    effects.exit('lineEnding')
    return (next: Code) => (this.parser.lazy[this.now().line] ? nok(next) : ok(next))
  }
}

/** The raw content of a tag (code, literal text) through its end tag, blank lines included. */
function rawContent(end: RegExp, flow: boolean): Construct {
  return {
    partial: true,
    tokenize(effects, ok, nok) {
      let tail = ''
      let open = false
      const raw = (code: Code): State | undefined => {
        if (code === null) return nok(code)
        if (open && isLineEnding(code)) {
          effects.exit('generatorTagData')
          open = false
        }
        if (isLineEnding(code)) {
          tail += '\n'
          if (flow) return effects.attempt(nonLazyContinuation, raw, nok)(code)
          effects.enter('lineEnding')
          effects.consume(code)
          effects.exit('lineEnding')
          return raw
        }
        if (!open) effects.enter('generatorTagData')
        open = true
        effects.consume(code)
        tail = (tail + charOf(code)).slice(-80)
        if (code === RIGHT_BRACE && end.test(tail)) {
          effects.exit('generatorTagData')
          return ok
        }
        return raw
      }
      return raw
    },
  }
}

/**
 * The states of one attempt at a template tag, from its `{` through its
 * closer (and, for a raw tag, its content and end tag), then, in flow, the
 * rest of the line. Each state is a named function of the attempt.
 */
class TemplateTagTokenizer {
  private family: TagFamily = 'liquidOutput'
  private closer = ''
  /** The tag's text so far (line endings as `\n`). */
  private text = ''
  private quote: string | undefined
  private openerLength = 2
  private dataOpen = false

  constructor(
    private readonly context: TokenizeContext,
    private readonly effects: Effects,
    private readonly ok: State,
    private readonly nok: State,
    private readonly families: TemplateTagFamilies,
    private readonly flow: boolean,
  ) {}

  private data(code: number): void {
    if (!this.dataOpen) {
      this.effects.enter('generatorTagData')
      this.dataOpen = true
    }
    this.effects.consume(code)
  }

  private closeData(): void {
    if (this.dataOpen) this.effects.exit('generatorTagData')
    this.dataOpen = false
  }

  readonly start: State = (code) => {
    if (code !== LEFT_BRACE) return this.nok(code)
    this.effects.enter('generatorTag')
    this.data(code)
    this.text = '{'
    return this.open
  }

  private readonly open = (code: Code): State | undefined => {
    if (code === PERCENT && (this.families.liquid || this.families.zola)) {
      this.family = 'liquidTag'
      this.closer = '%}'
      this.data(code)
      this.text += '%'
      return this.inside
    }
    if (code !== LEFT_BRACE) return this.nok(code)
    this.data(code)
    this.text += '{'
    return this.openDouble
  }

  private readonly openDouble = (code: Code): State | undefined => {
    if ((code === LESS_THAN || code === PERCENT) && this.families.hugo) {
      this.family = 'shortcode'
      this.closer = code === LESS_THAN ? '>}}' : '%}}'
      this.openerLength = 3
      this.data(code)
      this.text += charOf(code)
      return this.inside
    }
    if (!(this.families.liquid || this.families.zola) || code === LEFT_BRACE) return this.nok(code)
    this.family = 'liquidOutput'
    this.closer = '}}'
    return this.inside(code)
  }

  private readonly inside = (code: Code): State | undefined => {
    if (code === null || this.text.length > MAX_TAG_LENGTH) return this.nok(code)
    if (isLineEnding(code)) return this.lineEnding(code, this.inside)
    const char = charOf(code)
    this.data(code)
    this.text += char
    if (this.quote !== undefined) {
      if (char === this.quote && this.text[this.text.length - 2] !== '\\') this.quote = undefined
      return this.inside
    }
    if (char === '"' || char === '`' || (char === "'" && this.family !== 'shortcode')) {
      // An escaped shortcode's content is a comment: quotes there are text.
      if (!/^\{\{[<%]\s*\/\*/.test(this.text)) this.quote = char
      return this.inside
    }
    if (this.text.length < this.openerLength + this.closer.length || !this.text.endsWith(this.closer)) return this.inside
    const end = rawEnd(this.family, tagName(this.text, this.family), this.families)
    if (!end) return this.after
    this.closeData()
    // The content up to the end tag, if there is one; else the tag alone (reported as unclosed).
    return this.effects.attempt(rawContent(end, this.flow), this.after, this.after)
  }

  private lineEnding(code: number, next: State): State | undefined {
    this.closeData()
    this.text += '\n'
    if (this.flow) return this.effects.attempt(nonLazyContinuation, next, this.nok)(code)
    this.effects.enter('lineEnding')
    this.effects.consume(code)
    this.effects.exit('lineEnding')
    return next
  }

  private readonly after = (code: Code): State | undefined => {
    this.closeData()
    if (!this.flow) {
      this.effects.exit('generatorTag')
      return this.ok(code)
    }
    return this.trailing(code)
  }

  private readonly trailing = (code: Code): State | undefined => {
    if (code === -2 || code === -1 || code === 32) {
      this.effects.enter('generatorTagData')
      this.effects.consume(code)
      this.effects.exit('generatorTagData')
      return this.trailing
    }
    if (code !== null && !isLineEnding(code)) return this.nok(code)
    // A Liquid output alone on a line is part of its paragraph, not a block.
    if (this.family === 'liquidOutput' && this.context.interrupt) return this.nok(code)
    this.effects.exit('generatorTag')
    return this.ok(code)
  }
}

function createTokenizer(families: TemplateTagFamilies, flow: boolean) {
  return function tokenizeTemplateTag(this: TokenizeContext, effects: Effects, ok: State, nok: State): State {
    return new TemplateTagTokenizer(this, effects, ok, nok, families, flow).start
  }
}

/** micromark extension: template tags of the given families (flow and text). */
export function templateTagSyntax(families: TemplateTagFamilies): Extension {
  return {
    flow: { [LEFT_BRACE]: { name: 'generatorTag', tokenize: createTokenizer(families, true), concrete: true } },
    text: { [LEFT_BRACE]: { name: 'generatorTag', tokenize: createTokenizer(families, false) } },
  }
}

/** mdast extension: `generatorTag` tokens become `generatorTag` nodes holding their source text. */
export function templateTagFromMarkdown(): FromMarkdownExtension {
  return {
    enter: {
      generatorTag(token: MdastToken) {
        this.enter({ type: 'generatorTag', value: '', family: 'liquidOutput' } as never, token)
      },
    },
    exit: {
      generatorTag(token: MdastToken) {
        const node = this.stack[this.stack.length - 1] as unknown as GeneratorTag
        const value = this.sliceSerialize(token)
          .replace(/\r\n?/g, '\n')
          .replace(/[ \t]+$/, '')
        node.value = value
        node.family = value.startsWith('{%') ? 'liquidTag' : /^\{\{[<%]/.test(value) ? 'shortcode' : 'liquidOutput'
        this.exit(token)
      },
    },
  }
}
