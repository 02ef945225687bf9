/**
 * The generator a blog is built with: the `site` input once resolved (`auto`
 * detected from the repository's config files). It decides the few rules
 * where generators disagree, such as which template syntax is live: `{{ x }}`
 * is Liquid to Jekyll and text to Hugo.
 */
export type SiteKind =
  'hugo' | 'jekyll' | 'astro' | 'eleventy' | 'docusaurus' | 'next' | 'gatsby' | 'zola' | 'pelican' | 'devto' | 'hashnode' | 'plain'
