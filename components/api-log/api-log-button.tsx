'use client';

import { lazy, Suspense, useState } from 'react';
import { Button } from '@/components/ui/button';

// The drawer's code loads on the first click, not with the page (the queue page's script budget).
const ApiLogDrawer = lazy(() => import('./api-log-drawer').then((drawer) => ({ default: drawer.ApiLogDrawer })));

/** The header's "API log" button; the drawer it opens polls only while it is open. */
export function ApiLogButton() {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button size="sm" variant="ghost" aria-haspopup="dialog" onClick={() => setOpen(true)}>
        API log
      </Button>
      {open && (
        <Suspense fallback={null}>
          <ApiLogDrawer onClose={() => setOpen(false)} />
        </Suspense>
      )}
    </>
  );
}
