import type { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants.js';
import { isBullProcessor, jobHandlerDeclaration } from './job-processor.decorator.js';
import { isQueueDefinition, type QueueDeclaration } from './queue-definition.js';

type ModuleEntry = Type | DynamicModule | ForwardReference | Promise<DynamicModule>;

/** The queues a module tree registers (QueueModule.forDomain) and the processor classes it provides. */
export interface DeclaredJobs {
  queues: QueueDeclaration[];
  processors: Type[];
}

/**
 * Reads a module tree's static metadata (imports and providers, as written in the @Module
 * decorators and the dynamic modules): nothing is instantiated and nothing connects, so the
 * worker can refuse to start before it touches Redis. Async imports are not followed (none of
 * ours are).
 */
export function jobsDeclaredIn(modules: readonly ModuleEntry[]): DeclaredJobs {
  const queues = new Map<string, QueueDeclaration>();
  const processors = new Set<Type>();
  const seen = new Set<unknown>();
  const visit = (entry: ModuleEntry | undefined): void => {
    if (!entry || entry instanceof Promise) return;
    const module = 'forwardRef' in entry ? entry.forwardRef() : entry;
    if (seen.has(module)) return;
    seen.add(module);
    // A dynamic module adds providers and imports to its class's own @Module metadata.
    const dynamic = 'module' in module ? (module as DynamicModule) : undefined;
    const providers: Provider[] = dynamic ? (dynamic.providers ?? []) : (Reflect.getMetadata(MODULE_METADATA.PROVIDERS, module) ?? []);
    const imports: ModuleEntry[] = dynamic ? [dynamic.module, ...(dynamic.imports ?? [])] : (Reflect.getMetadata(MODULE_METADATA.IMPORTS, module) ?? []);
    for (const provider of providers) {
      const value = typeof provider === 'object' && 'useValue' in provider ? provider.useValue : undefined;
      if (isQueueDefinition(value)) {
        const known = queues.get(value.name);
        if (known && known !== value) throw new Error(`queue "${value.name}" is declared twice`);
        queues.set(value.name, value);
      }
      const cls = typeof provider === 'function' ? provider : typeof provider === 'object' && 'useClass' in provider ? provider.useClass : undefined;
      if (cls && isBullProcessor(cls)) processors.add(cls);
    }
    imports.forEach(visit);
  };
  modules.forEach(visit);
  return { queues: [...queues.values()], processors: [...processors] };
}

/**
 * Throws, naming the job, when a declared job has no handler or two, or a processor handles a job
 * no queue declares (or does not say what it handles). A job without a handler would wait in
 * Redis for ever; two handlers would race for it.
 */
export function assertEveryJobHandled({ queues, processors }: DeclaredJobs): void {
  const handlers = processors.map((processor) => {
    const declaration = jobHandlerDeclaration(processor);
    if (!declaration) throw new Error(`processor ${processor.name} does not declare its jobs: use @JobProcessor(queue, [jobs])`);
    return { processor: processor.name, ...declaration };
  });
  for (const queue of queues) {
    for (const job of queue.jobNames) {
      const names = handlers.filter((h) => h.queue === queue.name && h.handles.includes(job)).map((h) => h.processor);
      if (names.length === 0) throw new Error(`job "${queue.name}/${job}" has no handler (exactly one needed)`);
      if (names.length > 1) throw new Error(`job "${queue.name}/${job}" has ${names.length} handlers (${names.join(', ')}); exactly one needed`);
    }
  }
  for (const h of handlers) {
    const queue = queues.find((q) => q.name === h.queue);
    for (const job of h.handles) {
      if (!queue?.jobNames.includes(job)) throw new Error(`${h.processor} handles unknown job "${h.queue}/${job}"`);
    }
  }
}
