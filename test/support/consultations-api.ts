import http from 'node:http';
import type { Readable } from 'node:stream';
import type { TestApp } from './test-app.js';

/** One valid consultation as the JSON API takes it; override any field. */
export function consultationBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    held_on: '2026-11-04',
    client_ref: 'R-0412',
    employer_key: '株式会社あさひかわ製作所',
    industry: 'E',
    size_band: '20-49',
    age_band: '30-39',
    employment_type: 'regular',
    tenure_band: '3-10',
    channel: 'in_person',
    duration_min: 60,
    themes: ['career_change', 'health'],
    satisfaction: 4,
    ...overrides,
  };
}

/** A random year far from the generated data (FY2025), so parallel suites never see each other's rows. */
export function isolatedYear(): number {
  return 2100 + Math.floor(Math.random() * 800);
}

export interface StreamedResponse {
  status: number;
  body: any;
  text: string;
}

/**
 * POSTs a stream with chunked transfer encoding (no Content-Length), as supertest cannot: the
 * server then has to count the bytes itself.
 */
export function postStream(t: TestApp, path: string, headers: Record<string, string>, body: Readable): Promise<StreamedResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${t.url}${path}`, { method: 'POST', headers: { ...headers, 'Transfer-Encoding': 'chunked' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // not JSON
        }
        resolve({ status: res.statusCode ?? 0, body: parsed, text });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    body.on('error', reject);
    body.pipe(req);
  });
}
