import type { ServerResponse } from 'node:http';

// Waits `ms` milliseconds; resolves false early (and clears its timer) if the response closes first,
// so a slow fake never keeps timers alive after the client left or the server stopped.
export const waitUnlessClosed = (ms: number, res: ServerResponse): Promise<boolean> => {
  if (ms <= 0) return Promise.resolve(!res.destroyed);
  if (res.destroyed) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onClose = (): void => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      res.off('close', onClose);
      resolve(true);
    }, ms);
    res.once('close', onClose);
  });
};
