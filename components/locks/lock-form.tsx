'use client';

import { type RefObject, useState } from 'react';
import { Notice } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { lockHeadInput } from '@/lib/action-inputs';

export interface LockRequest {
  lockSecs: number;
  limit: number;
}

interface LockFormProps {
  queueId: string;
  clientKey: string;
  target: 'local' | 'apify';
  disabledReason: string | null;
  pending: boolean;
  lockSecs: string;
  onLockSecsChange: (value: string) => void;
  onLock: (request: LockRequest) => void;
  submitRef: RefObject<HTMLButtonElement | null>;
}

/** lockSecs and limit are checked in the browser with the server's own schema: no call on bad input. */
export function LockForm(props: LockFormProps) {
  const { queueId, clientKey, target, disabledReason, pending, lockSecs, onLockSecsChange, onLock, submitRef } = props;
  const [limit, setLimit] = useState('5');
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [confirming, setConfirming] = useState<LockRequest | null>(null);

  const submit = () => {
    const parsed = lockHeadInput.safeParse({ queueId, lockSecs: Number(lockSecs), limit: Number(limit) });
    if (!parsed.success) {
      const next: Record<string, string[]> = {};
      for (const issue of parsed.error.issues) next[String(issue.path[0])] = [issue.message];
      setErrors(next);
      return;
    }
    setErrors({});
    const request = { lockSecs: parsed.data.lockSecs, limit: parsed.data.limit };
    // Locking a real queue hides the requests from its crawlers: say so before doing it.
    if (target === 'apify') setConfirming(request);
    else onLock(request);
  };

  return (
    <form
      aria-label="Lock a batch"
      className="flex flex-col gap-3"
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <div className="flex flex-wrap items-start gap-3">
        <Field
          label="lockSecs"
          inputMode="decimal"
          value={lockSecs}
          onChange={(event) => onLockSecsChange(event.target.value)}
          errors={errors.lockSecs}
          className="w-28"
        />
        <Field
          label="limit (1–25)"
          inputMode="numeric"
          value={limit}
          onChange={(event) => setLimit(event.target.value)}
          errors={errors.limit}
          className="w-28"
        />
        <div className="flex flex-col gap-1">
          <span className="text-xs font-medium text-zinc-600 dark:text-zinc-300">clientKey</span>
          <code className="flex h-9 items-center rounded-md bg-zinc-100 px-2 text-xs dark:bg-zinc-800">
            {clientKey}
          </code>
        </div>
        <Button
          ref={submitRef}
          type="submit"
          variant="primary"
          className="mt-5"
          disabled={pending || disabledReason !== null}
        >
          {pending ? 'Locking…' : 'Lock head'}
        </Button>
      </div>
      {disabledReason && <p className="text-sm text-zinc-600 dark:text-zinc-300">{disabledReason}</p>}
      {confirming && (
        <Notice>
          <p>
            This is a live Apify queue: locking hides up to {confirming.limit} requests from every crawler for{' '}
            {confirming.lockSecs} s (or until you unlock them).
          </p>
          <div className="mt-2 flex gap-2">
            <Button
              variant="danger"
              size="sm"
              onClick={() => {
                onLock(confirming);
                setConfirming(null);
              }}
            >
              Lock anyway
            </Button>
            <Button size="sm" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
          </div>
        </Notice>
      )}
    </form>
  );
}
