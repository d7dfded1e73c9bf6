// One line each: what the flag means and why it matters to someone running a crawler.
export const FLAG_HELP = {
  hadMultipleClients:
    'More than one clientKey (or a call without one) has used this queue. It never turns back to false; while it is false a crawler may trust its local counts, once true it must double-check with the API.',
  queueHasLockedRequests:
    'Some client holds a lock on a request right now. Crawlee uses this to know the queue is not finished although the head looks empty.',
} as const;
