// Waiting for a condition with a deadline (the harness never sleeps a fixed time).

/**
 * Poll `condition` (sync or async) until it returns a truthy value, which is returned. Throws after
 * `timeoutMs` with `what` in the message. Errors thrown by the condition end the wait at once.
 */
export async function waitUntil(condition, { timeoutMs = 30_000, intervalMs = 100, what = 'condition' } = {}) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await condition();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise(resolve => setTimeout(resolve, intervalMs));
  }
}
