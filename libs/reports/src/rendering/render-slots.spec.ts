import { RenderAbortedError, RendererClosedError } from './render-errors.js';
import { RenderSlots } from './render-slots.js';

describe('RenderSlots', () => {
  it('lets `size` renders in and the rest in arrival order', async () => {
    const slots = new RenderSlots(2);
    await slots.take();
    await slots.take();
    const order: number[] = [];
    const third = slots.take().then(() => order.push(3));
    const fourth = slots.take().then(() => order.push(4));
    await Promise.resolve();
    expect(order).toEqual([]);
    slots.give();
    await third;
    expect(order).toEqual([3]);
    slots.give();
    await fourth;
    expect(order).toEqual([3, 4]);
  });

  it('takes an aborted waiter out of the queue', async () => {
    const slots = new RenderSlots(1);
    await slots.take();
    const controller = new AbortController();
    const waiting = slots.take(controller.signal);
    const after = slots.take();
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(RenderAbortedError);
    slots.give();
    await expect(after).resolves.toBeUndefined();
  });

  it('refuses waiting and later renders once closed', async () => {
    const slots = new RenderSlots(1);
    await slots.take();
    const waiting = slots.take();
    slots.close();
    await expect(waiting).rejects.toBeInstanceOf(RendererClosedError);
    await expect(slots.take()).rejects.toBeInstanceOf(RendererClosedError);
  });
});
