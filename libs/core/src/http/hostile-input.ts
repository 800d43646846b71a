import type { IncomingMessage } from 'node:http';
import { parse as parseQueryString } from 'node:querystring';
import type { NextFunction, Request, Response } from 'express';
import { BadInputError, type FieldError } from '../errors/domain-errors.js';

/**
 * Keys that reach an object's prototype when code copies parsed input with `target[key] = value`
 * (class-transformer, a spread into an entity): refused like any unknown field, at any depth.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Deeper than any DTO goes; deeper input would only exhaust the stack of the code that walks it. */
export const MAX_INPUT_DEPTH = 32;

/** Enough to name what is wrong; a body of ten thousand NULs needs no ten-thousand-entry answer. */
const MAX_PROBLEMS = 20;

/** A surrogate without its pair: not Unicode, so no encoder or validator downstream can be trusted with it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNPRINTABLE = new RegExp(`\\0|${LONE_SURROGATE.source}`, 'g');

/** A field name that is safe to echo back in JSON and HTML: the offending characters as \uXXXX. */
function printable(path: string): string {
  return path.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function textProblem(text: string, field: string): FieldError | null {
  // PostgreSQL's text cannot hold U+0000: it would fail in the database, as a 500.
  if (text.includes('\0')) return { field, message: `${field} must not contain a NUL character (U+0000)` };
  // Unpaired UTF-16 halves make validator.js and the UTF-8 encoder throw or silently rewrite the text.
  if (LONE_SURROGATE.test(text)) return { field, message: `${field} must be valid Unicode text (it holds an unpaired surrogate)` };
  return null;
}

/**
 * Every problem of parsed input (a JSON or form body, a query string) that no DTO should have to
 * think about: a NUL or an unpaired surrogate in any text or key, a prototype key, nesting deeper
 * than MAX_INPUT_DEPTH. Fields are named as the validation pipe names them (`policy.k`, `themes.0`).
 * Walks with its own stack: the input's depth must not decide the depth of ours.
 */
export function hostileInputProblems(input: unknown): FieldError[] {
  const problems: FieldError[] = [];
  const pending: { value: unknown; path: string; depth: number }[] = [{ value: input, path: '', depth: 0 }];
  while (pending.length > 0 && problems.length < MAX_PROBLEMS) {
    const { value, path, depth } = pending.pop()!;
    const field = printable(path || 'body');
    if (typeof value === 'string') {
      const problem = textProblem(value, field);
      if (problem) problems.push(problem);
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_INPUT_DEPTH) {
      problems.push({ field, message: `${field} is nested too deeply (at most ${MAX_INPUT_DEPTH} levels)` });
      continue;
    }
    // Own keys only, enumerable or not: JSON.parse makes "__proto__" an ordinary own property.
    for (const key of Object.getOwnPropertyNames(value).reverse()) {
      if (Array.isArray(value) && key === 'length') continue;
      const childPath = path ? `${path}.${key}` : key;
      const child = printable(childPath);
      if (FORBIDDEN_KEYS.has(key)) {
        problems.push({ field: child, message: `property ${child} should not exist` });
        continue;
      }
      const keyProblem = textProblem(key, child);
      if (keyProblem) {
        problems.push(keyProblem);
        continue;
      }
      pending.push({ value: (value as Record<string, unknown>)[key], path: childPath, depth: depth + 1 });
    }
  }
  return problems.slice(0, MAX_PROBLEMS);
}

function refusal(problems: FieldError[]): BadInputError {
  return new BadInputError(problems.map((p) => p.message).join('; '), problems);
}

/**
 * The one place where parsed input is refused before any route, pipe or page sees it: JSON and
 * form bodies (pages post urlencoded forms) and every query string. Runs after the body parsers;
 * the global filter answers 400 naming each field (an HTML error page for a page request).
 */
export function refuseHostileInput() {
  return (req: Request, _res: Response, next: NextFunction): void => {
    const problems = [...hostileInputProblems(req.body), ...hostileInputProblems(req.query)];
    next(problems.length > 0 ? refusal(problems) : undefined);
  };
}

/**
 * `verify` hook for express.urlencoded: qs silently drops a `__proto__` key before
 * refuseHostileInput could see it, so the raw form is read once more for prototype keys only.
 * A thrown BadInputError keeps its 400 through body-parser.
 */
export function refusePrototypeFormKeys(_req: IncomingMessage, _res: unknown, raw: Buffer, encoding: string): void {
  const keys = Object.keys(parseQueryString(raw.toString(encoding === 'iso-8859-1' ? 'latin1' : 'utf8')));
  const problems = keys.filter((key) => FORBIDDEN_KEYS.has(key)).map((key) => ({ field: key, message: `property ${key} should not exist` }));
  if (problems.length > 0) throw refusal(problems);
}
