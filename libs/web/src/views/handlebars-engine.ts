import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { I18n } from '../i18n/i18n.js';
import { registerHelpers } from './helpers.js';
import type { TemplatePaths } from './template-paths.js';

export interface EngineOptions {
  paths: Pick<TemplatePaths, 'layouts' | 'partials'>;
  i18n: I18n;
  /** Compile each template once (production); otherwise re-read on every render so edits show at once. */
  cache: boolean;
}

type Render = (path: string, options: object, callback: (error: unknown, html?: string) => void) => void;

/**
 * A small Express view engine: views/<name>.hbs rendered into layouts/<layout>.hbs (default
 * "main", `layout: false` for none) with every templates/partials/*.hbs registered by file name.
 * Its own Handlebars environment, so helpers and partials never leak into the PDF renderer's.
 */
export function createHandlebarsEngine({ paths, i18n, cache }: EngineOptions): Render {
  const hbs = Handlebars.create();
  registerHelpers(hbs, i18n);
  const compiled = new Map<string, Handlebars.TemplateDelegate>();
  let partialsLoaded = false;

  const compile = (file: string): Handlebars.TemplateDelegate => {
    const known = cache ? compiled.get(file) : undefined;
    if (known) return known;
    const template = hbs.compile(readFileSync(file, 'utf8'));
    if (cache) compiled.set(file, template);
    return template;
  };

  const loadPartials = (): void => {
    if (cache && partialsLoaded) return;
    for (const file of readdirSync(paths.partials).filter((f) => f.endsWith('.hbs'))) {
      hbs.registerPartial(basename(file, '.hbs'), hbs.compile(readFileSync(join(paths.partials, file), 'utf8')));
    }
    partialsLoaded = true;
  };

  return (file, options, callback) => {
    try {
      loadPartials();
      const data = options as Record<string, unknown> & { layout?: string | false };
      const body = compile(file)(data);
      const layout = data.layout ?? 'main';
      if (layout === false) return callback(null, body);
      callback(null, compile(join(paths.layouts, `${layout}.hbs`))({ ...data, body }));
    } catch (error) {
      callback(error);
    }
  };
}
